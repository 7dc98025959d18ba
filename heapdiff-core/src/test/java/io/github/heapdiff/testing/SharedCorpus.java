package io.github.heapdiff.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Optional;

/**
 * Finds the shared corpus ({@code ../shared} beside the checkout, or the {@code heapdiff.shared}
 * system property). Tests that need its bigger files call {@link #require(String)}, which skips
 * the test, saying why, when the file is missing, so {@code mvn verify} passes on a fresh clone.
 */
public final class SharedCorpus {

    private SharedCorpus() {
    }

    /** The shared folder, if present. */
    public static Optional<Path> root() {
        String prop = System.getProperty("heapdiff.shared");
        if (prop != null && Files.isDirectory(Paths.get(prop))) {
            return Optional.of(Paths.get(prop).toAbsolutePath().normalize());
        }
        for (Path p = Paths.get("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path candidate = p.resolveSibling("shared");
            if (Files.isDirectory(candidate.resolve("corpus"))) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** The file at {@code relative} under the shared folder, if present. */
    public static Optional<Path> file(String relative) {
        return root().map(r -> r.resolve(relative)).filter(Files::isRegularFile);
    }

    /** The file at {@code relative} under the shared folder; skips the calling test when it is missing. */
    public static Path require(String relative) {
        Optional<Path> f = file(relative);
        assumeTrue(f.isPresent(), () -> "skipped: shared corpus file " + relative
                + " not found (check out ../shared beside the project or set -Dheapdiff.shared=DIR)");
        return f.get();
    }
}
