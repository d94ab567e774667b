package io.commgov.clients;

import java.util.Arrays;
import java.util.List;

/** Ids of a client's records in the encrypted store: phone, e-mail and (optional) id number. */
record PersonalDataRecords(String phone, String email, String idNumber) {

    List<String> ids() {
        return Arrays.asList(phone, email, idNumber);
    }
}
