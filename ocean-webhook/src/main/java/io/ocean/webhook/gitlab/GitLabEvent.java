package io.ocean.webhook.gitlab;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.ocean.core.WebhookEvent;
import java.util.Locale;
import java.util.Map;

/**
 * A GitLab webhook delivery read the way an integration needs it: which kind of item it is about (a note is about
 * its merge request or issue), that item, and the project the item belongs to ({@code target_project_id} for a merge
 * request, which may differ from {@code project.id}, the project that sent the hook).
 *
 * <pre>{@code
 * GitLabEvent gitlab = GitLabEvent.of(event);
 * boolean mine = gitlab.itemKind().equals(GitLabEvent.MERGE_REQUEST);   // merge request hooks and notes on MRs
 * ocean.groupEventsBy("/webhook", GitLabEvent::itemKey);                 // one MR's events in order
 * }</pre>
 */
public final class GitLabEvent {

    /** The header naming the event, such as {@code Merge Request Hook}. */
    public static final String EVENT_HEADER = "X-Gitlab-Event";
    /** The item kind of merge request hooks and of notes on merge requests. */
    public static final String MERGE_REQUEST = "merge_request";
    /** The item kind of issue hooks (confidential ones too) and of notes on issues. */
    public static final String ISSUE = "issue";
    /** The item kind of pipeline hooks. */
    public static final String PIPELINE = "pipeline";
    /** The object kind of note hooks. */
    public static final String NOTE = "note";

    private static final Map<String, String> KINDS_BY_HEADER = Map.ofEntries(
            Map.entry("Merge Request Hook", MERGE_REQUEST), Map.entry("Issue Hook", ISSUE),
            Map.entry("Confidential Issue Hook", ISSUE), Map.entry("Note Hook", NOTE),
            Map.entry("Confidential Note Hook", NOTE), Map.entry("Pipeline Hook", PIPELINE),
            Map.entry("Push Hook", "push"), Map.entry("Tag Push Hook", "tag_push"), Map.entry("Job Hook", "build"),
            Map.entry("Wiki Page Hook", "wiki_page"), Map.entry("Deployment Hook", "deployment"),
            Map.entry("Release Hook", "release"), Map.entry("Emoji Hook", "emoji"));
    private static final Map<String, String> NOTEABLE_KINDS = Map.of("MergeRequest", MERGE_REQUEST, "Issue", ISSUE);

    private final String header;
    private final JsonNode payload;

    private GitLabEvent(String header, JsonNode payload) {
        this.header = header;
        this.payload = payload == null ? MissingNode.getInstance() : payload;
    }

    /** The delivery as a GitLab event. */
    public static GitLabEvent of(WebhookEvent event) {
        return new GitLabEvent(event.headers().get(EVENT_HEADER), event.payload());
    }

    /** A payload without its headers, routed by {@code object_kind} alone. */
    public static GitLabEvent of(JsonNode payload) {
        return new GitLabEvent(null, payload);
    }

    /** The {@code X-Gitlab-Event} header, or null. */
    public String eventName() {
        return header;
    }

    /**
     * The payload's {@code object_kind} ({@code merge_request}, {@code issue}, {@code note}, {@code pipeline},
     * {@code push}, ...), else the kind the {@code X-Gitlab-Event} header names, else an empty string.
     */
    public String objectKind() {
        String kind = payload.path("object_kind").asText("");
        if (!kind.isEmpty()) {
            return kind;
        }
        return header == null ? "" : KINDS_BY_HEADER.getOrDefault(header.trim(), header.trim()
                .toLowerCase(Locale.ROOT).replace(" hook", "").replace(' ', '_'));
    }

    /**
     * What the event is about: the object kind, except for a note, which is about its {@code merge_request} or
     * {@code issue} (a note on a commit or snippet stays {@code note}).
     */
    public String itemKind() {
        String kind = objectKind();
        if (!NOTE.equals(kind)) {
            return kind;
        }
        return NOTEABLE_KINDS.getOrDefault(payload.path("object_attributes").path("noteable_type").asText(), NOTE);
    }

    /** Whether {@link #itemKind()} is one of these. */
    public boolean isAbout(String... itemKinds) {
        String kind = itemKind();
        for (String candidate : itemKinds) {
            if (candidate.equals(kind)) {
                return true;
            }
        }
        return false;
    }

    /** The item as the payload has it: a note's merge request or issue, else {@code object_attributes}. */
    public JsonNode item() {
        if (NOTE.equals(objectKind()) && !NOTE.equals(itemKind())) {
            return payload.path(itemKind());
        }
        return payload.path("object_attributes");
    }

    /** The item's {@code iid} (its number in the project), or -1 when it has none. */
    public long iid() {
        return item().path("iid").asLong(-1);
    }

    /**
     * The id of the project the item belongs to: a merge request's {@code target_project_id} (not
     * {@code project.id}, which may be a fork's), an issue's {@code project_id}, else the hook's {@code project.id};
     * -1 when there is none.
     */
    public long projectId() {
        JsonNode item = item();
        if (MERGE_REQUEST.equals(itemKind()) && item.has("target_project_id")) {
            return item.path("target_project_id").asLong(-1);
        }
        if (item.has("project_id") && !item.path("project_id").isNull()) {
            return item.path("project_id").asLong(-1);
        }
        return payload.path("project").path("id").asLong(payload.path("project_id").asLong(-1));
    }

    /** The action ({@code open}, {@code update}, {@code close}, {@code merge}, ...), or an empty string. */
    public String action() {
        return item().path("action").asText(payload.path("object_attributes").path("action").asText(""));
    }

    /**
     * A key per item, for {@code ocean.groupEventsBy}: {@code merge_request:14:1} for merge request 1 of project 14
     * and the notes on it, {@code issue:14:23}, {@code pipeline:1:31} (a pipeline's id).
     */
    public static String itemKey(WebhookEvent event) {
        GitLabEvent gitlab = of(event);
        long number = gitlab.iid() >= 0 && !PIPELINE.equals(gitlab.itemKind()) ? gitlab.iid()
                : gitlab.item().path("id").asLong(-1);
        return gitlab.itemKind() + ":" + gitlab.projectId() + ":" + number;
    }

    @Override
    public String toString() {
        return "GitLabEvent[" + itemKind() + " " + projectId() + ":" + iid() + "]";
    }
}
