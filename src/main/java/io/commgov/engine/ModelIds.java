package io.commgov.engine;

import java.util.regex.Pattern;

/**
 * What a readable id is: the process id is its key ({@code fault-escalation}); inside it every id reads as a sentence
 * ({@code Task_ReviewByIt}, {@code Gateway_IsMajorFault}), never as an id Modeler generated ({@code Activity_0kf3x1z}).
 */
public final class ModelIds {

    /** A process key, as SPEC names them. */
    public static final Pattern PROCESS_KEY = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");
    /** Type, underscore, sentence in CamelCase. */
    public static final Pattern READABLE = Pattern.compile("[A-Z][A-Za-z]+_[A-Z][A-Za-z0-9]*");
    /** Modeler's generated suffixes: Activity_0kf3x1z, Flow_1a2b3c4, Gateway_0x9y8z7, StartEvent_1, UserTask_1. */
    public static final Pattern GENERATED = Pattern.compile(".*_([0-9][a-z0-9]{6}|\\d+)");

    private ModelIds() {
    }

    public static boolean isReadableKey(String id) {
        return id != null && PROCESS_KEY.matcher(id).matches();
    }

    public static boolean isReadable(String id) {
        return id != null && READABLE.matcher(id).matches() && !GENERATED.matcher(id).matches();
    }
}
