package dev.jbuild.lint.model;

/** A physical place in a Dockerfile; both numbers start at 1. */
public record Position(int line, int column) {}
