package io.ocean.http;

/**
 * The item does not exist (404) or no longer exists (410): a processor that fetched it fresh turns this into a
 * delete. {@link HttpApi#find} returns an empty result instead.
 */
public class GoneException extends HttpApiException {

    /** Creates the 404 or 410 of {@code method url}. */
    public GoneException(int status, String method, String url) {
        super(status, method, url, "gone");
    }
}
