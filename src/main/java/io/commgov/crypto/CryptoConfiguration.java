package io.commgov.crypto;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Loads the keys once at start: a missing key stops the application with a message naming the setting. */
@Configuration
@EnableConfigurationProperties({CryptoProperties.class, CryptoProperties.MasterKeySources.class})
class CryptoConfiguration {

    @Bean
    KeyMaterial keyMaterial(CryptoProperties properties, CryptoProperties.MasterKeySources sources) {
        return new KeyMaterial(properties, sources);
    }
}
