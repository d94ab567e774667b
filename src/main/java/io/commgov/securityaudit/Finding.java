package io.commgov.securityaudit;

/** Something a check found: which check, about whom or what, and the evidence a security officer needs to act. */
public record Finding(String check, String subject, String evidence) {
}
