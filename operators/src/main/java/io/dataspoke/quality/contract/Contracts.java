package io.dataspoke.quality.contract;

import io.dataspoke.config.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Reads data contracts (docs/contracts.md): SodaCL files of {@code checks for <dataset>:} blocks
 * and DataSpoke contract files with {@code dataset:}, {@code slo:}, {@code checks:} and {@code
 * schema:}. A mistake stops start-up with a {@link ConfigException} naming file, line and key.
 */
public final class Contracts {

    private Contracts() {}

    /**
     * Every {@code *.yaml} and {@code *.yml} file of a directory, in file name order, or one file.
     */
    public static ContractSet load(Path dirOrFile) {
        if (!Files.exists(dirOrFile)) {
            throw new ConfigException(dirOrFile, 0, "", "not found");
        }
        List<Path> files;
        if (Files.isDirectory(dirOrFile)) {
            try (Stream<Path> listing = Files.list(dirOrFile)) {
                files =
                        listing.filter(Files::isRegularFile)
                                .filter(Contracts::isYaml)
                                .sorted(Comparator.comparing(p -> p.getFileName().toString()))
                                .toList();
            } catch (IOException e) {
                throw new ConfigException(dirOrFile, 0, "", "cannot list: " + e.getMessage(), e);
            }
            if (files.isEmpty()) {
                throw new ConfigException(
                        dirOrFile, 0, "", "no contract files (*.yaml, *.yml) in this directory");
            }
        } else {
            files = List.of(dirOrFile);
        }
        List<Contract> contracts = new ArrayList<>();
        for (Path file : files) {
            contracts.addAll(read(file));
        }
        return new ContractSet(contracts);
    }

    /** The contracts of one file: one, or one per {@code checks for} block of a SodaCL file. */
    public static List<Contract> read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new ConfigException(file, 0, "", "file not found");
        } catch (IOException e) {
            throw new ConfigException(file, 0, "", "cannot read: " + e.getMessage(), e);
        }
        return parse(file, text);
    }

    /** The contracts in {@code text}, read from {@code file} (named in errors and in checks). */
    public static List<Contract> parse(Path file, String text) {
        return new ContractParser(file, text).parse();
    }

    private static boolean isYaml(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".yaml") || name.endsWith(".yml");
    }
}
