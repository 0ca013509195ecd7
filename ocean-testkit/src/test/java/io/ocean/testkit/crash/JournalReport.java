package io.ocean.testkit.crash;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** What the journal of the crash test's processors says: per trace id, the runs in which it began and ended. */
final class JournalReport {

    /** Trace id → run numbers of its "E" lines, in order. */
    final Map<String, List<Integer>> ends = new HashMap<>();
    /** Trace id → run numbers of its "B" lines. */
    final Map<String, Set<Integer>> begins = new HashMap<>();

    static JournalReport read(Path journal) throws IOException {
        JournalReport report = new JournalReport();
        if (!Files.exists(journal)) {
            return report;
        }
        for (String line : Files.readAllLines(journal)) {
            String[] parts = line.split(" ");
            if (parts.length != 3) {
                continue; // a line torn by kill -9
            }
            int run = Integer.parseInt(parts[1]);
            if (parts[0].equals("E")) {
                report.ends.computeIfAbsent(parts[2], t -> new ArrayList<>()).add(run);
            } else if (parts[0].equals("B")) {
                report.begins.computeIfAbsent(parts[2], t -> new HashSet<>()).add(run);
            }
        }
        return report;
    }

    /** The trace ids processed to the end at least once. */
    Set<String> processed() {
        return ends.keySet();
    }

    /** How many events ended in this run. */
    long endedIn(int run) {
        return ends.values().stream().flatMap(List::stream).filter(r -> r == run).count();
    }

    /** The runs again of events that had already begun in an earlier run: trace id → the earlier runs. */
    Map<String, List<Integer>> reRuns() {
        Map<String, List<Integer>> reRuns = new HashMap<>();
        begins.forEach((traceId, runs) -> {
            if (runs.size() > 1 || ends.getOrDefault(traceId, List.of()).size() > 1) {
                reRuns.put(traceId, runs.stream().sorted().toList());
            }
        });
        return reRuns;
    }
}
