package io.confirmloop.system;

import io.confirmloop.ConfirmLoopApplication;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

/**
 * The features depend on each other one way only: appointment → calendar, messaging; messaging →
 * calendar; every feature → system; system → none. Messaging reaches the appointment side only
 * through its ports. Spring Modulith fails the build on a cycle or on a use of another feature's
 * internals.
 */
class ModularityTest {

    @Test
    void featuresDependOnEachOtherOneWayOnly() {
        ApplicationModules.of(ConfirmLoopApplication.class).verify();
    }
}
