package io.ocean.jq;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ocean.core.config.PortAppConfig;
import io.ocean.core.config.ResourceConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** One mapper shared by 8 threads gives exactly what it gives on one. */
class ConcurrencyTest {

    @Test
    void theSameMapperOnEightThreadsGivesTheSameResults() throws Exception {
        ResourceConfig pulls = PortAppConfig.fromYaml("""
                resources:
                  - kind: pr
                    selector: {query: .pull_request.state == "open"}
                    port:
                      entity:
                        mappings:
                          identifier: .head.repo.name + (.id|tostring)
                          title: .pull_request.title
                          blueprint: '"githubPullRequest"'
                          properties:
                            reviewers: '[.pull_request.requested_reviewers[].login | gsub("\\\\](?=[^$])"; "-") | gsub("\\\\]$"; "")]'
                            branch: .pull_request.head.ref | ascii_downcase
                            created: .pull_request.created_at | fromdate
                            labels: '[.pull_request.labels[]?.name] | join(",")'
                """).resources().get(0);
        List<JsonNode> items = new ArrayList<>();
        for (String name : List.of("opened", "closed", "edited", "labeled", "reopened", "synchronize")) {
            items.add(Fixtures.json("github/pull_request." + name + ".json"));
        }
        JqEntityMapper mapper = JqEntityMapper.create();
        MappingResult expected = mapper.map(pulls, items);
        assertThat(expected.passed()).isNotEmpty();

        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<MappingResult>> runs = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                runs.add(pool.submit(() -> mapper.map(pulls, items)));
            }
            for (Future<MappingResult> run : runs) {
                assertThat(run.get()).isEqualTo(expected);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
