package io.commgov.validation;

/** The start variables of one process (SPEC section 4); a bean per process, found by its key. */
public interface StartContract {

    String processKey();

    void check(Fields fields);
}
