package io.commgov.exports;

import java.util.List;

/** A dataset that can be exported: a name requesters use, and its records as rows of texts. */
public interface ExportDataset {

    String name();

    List<String> header();

    List<List<String>> rows();
}
