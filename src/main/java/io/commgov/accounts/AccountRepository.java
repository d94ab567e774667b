package io.commgov.accounts;

import java.util.List;
import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;

interface AccountRepository extends JpaRepository<Account, String> {

    Optional<Account> findByActiveEmployeeId(String employeeId);

    List<Account> findByEmployeeIdOrderByCreatedAtDesc(String employeeId);

    List<Account> findAllByOrderByCreatedAtDesc();

    List<Account> findByStateOrderByCreatedAtDesc(AccountState state);

    List<Account> findByProcessInstanceIdAndState(String processInstanceId, AccountState state);
}
