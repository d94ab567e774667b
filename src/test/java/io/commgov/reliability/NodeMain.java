package io.commgov.reliability;

import java.nio.file.Files;
import java.nio.file.Path;

import io.commgov.CommGovApplication;
import org.camunda.bpm.engine.impl.util.ClockUtil;

/**
 * Entry point of an application node that {@link Node} starts as a process of its own: CommGov's main, plus the
 * engine clock of the test. A node started with {@code -Dcommgov.test.clock-file=F} keeps {@link ClockUtil}'s offset at
 * the milliseconds written in F (checked every 100 ms), so a test moves the time of every node at once, and a
 * restarted node comes back at the moved time. Test classpath only: production starts {@link CommGovApplication}.
 */
public final class NodeMain {

    private NodeMain() {
    }

    public static void main(String[] args) {
        String clockFile = System.getProperty("commgov.test.clock-file");
        if (clockFile != null) {
            Path file = Path.of(clockFile);
            applyOffset(file);
            var watcher = new Thread(() -> {
                while (true) {
                    applyOffset(file);
                    try {
                        Thread.sleep(100);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "test-clock");
            watcher.setDaemon(true);
            watcher.start();
        }
        CommGovApplication.main(args);
    }

    private static long applied = Long.MIN_VALUE;

    private static void applyOffset(Path file) {
        try {
            long offset = Files.exists(file) ? Long.parseLong(Files.readString(file).strip()) : 0L;
            if (offset != applied) {
                ClockUtil.offset(offset);
                applied = offset;
            }
        } catch (java.io.IOException | NumberFormatException e) {
            // a file being rewritten: read again in 100 ms
        }
    }
}
