package io.ocean.examples.github;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * The full listings a resync reads from GitHub's REST API: every issue (pull requests, which GitHub also lists as
 * issues, left out) and every pull request of each configured repository, one page of 100 per batch, following the
 * {@code Link} header, each item with its repository attached as the webhook payloads have it.
 */
final class GithubResync {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final GithubClient github;
    private final List<String> repositories;

    GithubResync(GithubClient github, String repositories) {
        this.github = github;
        this.repositories = Arrays.stream(repositories.split(",")).map(String::trim).filter(r -> !r.isEmpty())
                .toList();
    }

    /** Every issue of every repository, page by page; a page is fetched only when the resync asks for it. */
    Stream<List<JsonNode>> issues(String kind) {
        return listing("/issues?state=all&per_page=100").map(page -> page.stream()
                .filter(item -> !item.has("pull_request")).toList());
    }

    /** Every pull request of every repository, page by page. */
    Stream<List<JsonNode>> pullRequests(String kind) {
        return listing("/pulls?state=all&per_page=100");
    }

    /**
     * One iterator over the repositories and their pages. Not {@code flatMap}: a stream consumed by its iterator
     * would read each repository's pages all at once into a buffer.
     */
    private Stream<List<JsonNode>> listing(String query) {
        Iterator<List<JsonNode>> pages = new Iterator<>() {
            private int repository = -1;
            private String next;
            private ObjectNode owner;

            @Override
            public boolean hasNext() {
                while (next == null && repository + 1 < repositories.size()) {
                    repository++;
                    String name = repositories.get(repository);
                    next = "/repos/" + name + query;
                    owner = JSON.createObjectNode().put("full_name", name)
                            .put("name", name.substring(name.indexOf('/') + 1));
                }
                return next != null;
            }

            @Override
            public List<JsonNode> next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                try {
                    GithubClient.Page page = github.page(next);
                    next = page.next();
                    return page.items().stream().map(item -> (JsonNode) ((ObjectNode) item.deepCopy())
                            .set("repository", owner)).toList();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while reading " + next, e);
                }
            }
        };
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(pages, Spliterator.ORDERED), false);
    }
}
