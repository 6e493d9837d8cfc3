package org.gatehouse.rest.internal.common;

/**
 * The JSON body of every error response.
 *
 * @param error   stable machine-readable code
 * @param message text for people
 * @param status  HTTP status
 */
public record ErrorBody(String error, String message, int status) {
}
