package io.commgov.exports;

import java.nio.charset.StandardCharsets;
import java.util.List;

import io.commgov.audit.AuditTrail;
import io.commgov.audit.Outcome;
import io.commgov.crypto.SensitiveData;
import io.commgov.crypto.Sm3;
import org.springframework.stereotype.Service;

/**
 * Produces the export file: the dataset as CSV, SM4-encrypted under a context bound to the request, its SM3 digest
 * recorded in the audit trail so the file handed out can be checked against what was approved.
 */
@Service
class ExportFiles {

    static final String FILE_VARIABLE = "exportFile";
    static final String DIGEST_VARIABLE = "exportDigest";

    private final ExportDatasets datasets;
    private final SensitiveData sensitiveData;
    private final AuditTrail audit;

    ExportFiles(ExportDatasets datasets, SensitiveData sensitiveData, AuditTrail audit) {
        this.datasets = datasets;
        this.sensitiveData = sensitiveData;
        this.audit = audit;
    }

    record Produced(byte[] encrypted, String digest, int rows) {
    }

    Produced produce(String processInstanceId, String datasetName) {
        ExportDataset dataset = datasets.find(datasetName)
                .orElseThrow(() -> new IllegalStateException("Dataset " + datasetName + " no longer exists"));
        var csv = new StringBuilder(line(dataset.header()));
        List<List<String>> rows = dataset.rows();
        rows.forEach(row -> csv.append(line(row)));
        byte[] plain = csv.toString().getBytes(StandardCharsets.UTF_8);
        String digest = Sm3.hashHex(plain);
        byte[] encrypted = sensitiveData.encryptBytes(plain, context(processInstanceId));
        audit.record("EXPORT_PRODUCED", "process-instance", processInstanceId, Outcome.SUCCESS,
                "dataset=" + datasetName + "; rows=" + rows.size() + "; sm3=" + digest);
        return new Produced(encrypted, digest, rows.size());
    }

    String decrypt(String processInstanceId, byte[] encrypted) {
        return new String(sensitiveData.decryptBytes(encrypted, context(processInstanceId)), StandardCharsets.UTF_8);
    }

    private static String context(String processInstanceId) {
        return "data-export:" + processInstanceId;
    }

    private static String line(List<String> cells) {
        return String.join(",", cells.stream().map(ExportFiles::cell).toList()) + "\r\n";
    }

    private static String cell(String value) {
        String v = value == null ? "" : value;
        // a leading =, +, - or @ would run as a formula in a spreadsheet
        if (!v.isEmpty() && "=+-@".indexOf(v.charAt(0)) >= 0) {
            v = "'" + v;
        }
        return v.contains(",") || v.contains("\"") || v.contains("\n") ? "\"" + v.replace("\"", "\"\"") + "\"" : v;
    }
}
