package io.commgov.accounts;

import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;

interface AccountEventRepository extends JpaRepository<AccountEvent, String> {

    List<AccountEvent> findByAccountIdOrderByOccurredAt(String accountId);
}
