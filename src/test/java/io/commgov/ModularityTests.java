package io.commgov;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/** The house plan of STYLE.md: modules by capability, no cycles, nothing reaching into another module's internals. */
class ModularityTests {

    private final ApplicationModules modules = ApplicationModules.of(CommGovApplication.class);

    @Test
    void modulesRespectTheirBoundaries() {
        modules.verify();
    }

    @Test
    void writesModuleDocumentation() {
        new Documenter(modules).writeModulesAsPlantUml().writeIndividualModulesAsPlantUml();
    }
}
