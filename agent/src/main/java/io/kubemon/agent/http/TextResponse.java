package io.kubemon.agent.http;

/** A plain-text answer such as {@code /readyz}: any HTTP status, body cut to the asked size. */
public record TextResponse(int statusCode, String body) {}
