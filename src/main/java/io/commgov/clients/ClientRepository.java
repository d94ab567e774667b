package io.commgov.clients;

import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;

interface ClientRepository extends JpaRepository<Client, String> {

    List<Client> findByContactPerson(String contactPerson);

    List<Client> findByProcessInstanceId(String processInstanceId);

    List<Client> findAllByOrderByCreatedAtDesc();
}
