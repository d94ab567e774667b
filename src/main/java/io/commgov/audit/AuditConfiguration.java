package io.commgov.audit;

import javax.sql.DataSource;

import io.commgov.crypto.Sm2Signer;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The audit ledger on the application's database; the hourly checkpoint runs on the scheduler. */
@Configuration
@EnableScheduling
@EnableConfigurationProperties(AuditProperties.class)
class AuditConfiguration {

    @Bean
    AuditLedger auditLedger(DataSource dataSource, Sm2Signer signer, AuditProperties properties) {
        return new AuditLedger(dataSource, signer, properties);
    }
}
