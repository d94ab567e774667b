package io.commgov.selection;

/** What a pilot showed for one shortlisted vendor: functional test, largest meeting held, user-experience rating (1-5). */
record PilotResult(String vendor, boolean functionalPassed, int meetingParticipants, double userExperience, String notes) {
}
