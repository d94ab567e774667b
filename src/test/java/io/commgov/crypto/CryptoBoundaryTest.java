package io.commgov.crypto;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** Cryptography stays in one place, so algorithms and keys are reviewed and replaced there only. */
@AnalyzeClasses(packages = "io.commgov", importOptions = ImportOption.DoNotIncludeTests.class)
class CryptoBoundaryTest {

    @ArchTest
    static final ArchRule onlyCryptoUsesBouncyCastle = noClasses()
            .that().resideOutsideOfPackage("io.commgov.crypto..")
            .should().dependOnClassesThat().resideInAPackage("org.bouncycastle..")
            .because("R-SEC: SM2/SM3/SM4 are used through io.commgov.crypto (SensitiveData, Sm3, Sm2Signer) only");
}
