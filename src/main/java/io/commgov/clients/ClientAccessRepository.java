package io.commgov.clients;

import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;

interface ClientAccessRepository extends JpaRepository<ClientAccess, String> {

    List<ClientAccess> findByClientId(String clientId);
}
