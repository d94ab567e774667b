package io.commgov.clients;

import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;

interface ClientRepository extends JpaRepository<Client, String> {

    List<Client> findByContactPerson(String contactPerson);

    List<Client> findByProcessInstanceId(String processInstanceId);

    List<Client> findAllByOrderByCreatedAtDesc();

    @org.springframework.data.jpa.repository.Lock(jakarta.persistence.LockModeType.PESSIMISTIC_WRITE)
    @org.springframework.data.jpa.repository.Query("select c from Client c where c.id = :id")
    java.util.Optional<Client> lockById(@org.springframework.data.repository.query.Param("id") String id);

    /** Clients whose personal data is still sealed in the legacy columns (see {@link Client#isInLegacyColumns()}). */
    @org.springframework.data.jpa.repository.Query(
            "select c.id from Client c where c.phoneRecord is null and c.legacyPhoneEncrypted is not null")
    List<String> findIdsInLegacyColumns();
}
