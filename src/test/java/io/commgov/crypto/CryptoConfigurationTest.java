package io.commgov.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The services start with generated keys in tests and refuse to start, naming the setting, without keys in production. */
class CryptoConfigurationTest {

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withUserConfiguration(CryptoConfiguration.class, SensitiveData.class, Sm2Signer.class);

    @Test
    void startsWithInMemoryKeys() {
        context.withPropertyValues("commgov.crypto.generate-keys=memory").run(ctx -> {
            assertThat(ctx).hasNotFailed();
            var data = ctx.getBean(SensitiveData.class);
            assertThat(data.decrypt(data.encrypt("x"))).isEqualTo("x");
        });
    }

    @Test
    void startsWithConfiguredKeys() {
        context.withPropertyValues("commgov.crypto.generate-keys=off",
                "commgov.crypto.sm4-key=0123456789abcdeffedcba9876543210",
                "commgov.crypto.sm2-private-key=" + "1".repeat(64)).run(ctx -> {
            assertThat(ctx).hasNotFailed();
            assertThat(ctx.getBean(Sm2Signer.class).publicKeyHex()).startsWith("04");
        });
    }

    @Test
    void failsClearlyWithoutAConfiguredKey() {
        context.withPropertyValues("commgov.crypto.generate-keys=off", "commgov.crypto.sm4-key=").run(ctx -> {
            assertThat(ctx).hasFailed();
            assertThat(ctx.getStartupFailure()).rootCause().hasMessageContaining("commgov.crypto.sm4-key")
                    .hasMessageContaining("COMMGOV_SM4_KEY");
        });
    }
}
