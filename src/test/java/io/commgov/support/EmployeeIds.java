package io.commgov.support;

import java.util.concurrent.ThreadLocalRandom;

/** Employee ids of the pattern the account contracts accept, random so tests sharing a database do not collide. */
public final class EmployeeIds {

    private EmployeeIds() {
    }

    public static String newEmployeeId() {
        return "T" + ThreadLocalRandom.current().nextInt(10_000_000, 99_999_999);
    }
}
