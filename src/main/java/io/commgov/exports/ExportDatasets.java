package io.commgov.exports;

import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Component;

/** The datasets a request may name. */
@Component
class ExportDatasets {

    private final List<ExportDataset> datasets;

    ExportDatasets(List<ExportDataset> datasets) {
        this.datasets = datasets;
    }

    String[] names() {
        return datasets.stream().map(ExportDataset::name).sorted().toArray(String[]::new);
    }

    Optional<ExportDataset> find(String name) {
        return datasets.stream().filter(d -> d.name().equals(name)).findFirst();
    }
}
