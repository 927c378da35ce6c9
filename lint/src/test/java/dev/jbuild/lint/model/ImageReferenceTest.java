package dev.jbuild.lint.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ImageReferenceTest {

    @Test
    void readsDomainPathTagAndDigest() {
        assertEquals(new ImageReference("", "myorg/base", "1", null), ImageReference.parse("myorg/base:1").orElseThrow());
        assertEquals(new ImageReference("localhost:5000", "a/b", null, null), ImageReference.parse("localhost:5000/a/b").orElseThrow());
        assertEquals(new ImageReference("ghcr.io", "org/app", "v1.2", "sha256:" + "a".repeat(64)),
                ImageReference.parse("ghcr.io/org/app:v1.2@sha256:" + "a".repeat(64)).orElseThrow());
        assertEquals("python", ImageReference.parse("docker.io/library/python:3.12").orElseThrow().repository());
        assertEquals("docker.io", ImageReference.parse("python").orElseThrow().registry());
        assertEquals("quay.io", ImageReference.parse("quay.io/x/y").orElseThrow().registry());
    }

    @Test
    void refusesWhatBuildkitRefuses() {
        assertTrue(ImageReference.parse("busybox:").isEmpty());
        assertTrue(ImageReference.parse("").isEmpty());
        assertTrue(ImageReference.parse("Busybox").isEmpty());
        assertTrue(ImageReference.parse("a".repeat(64).replace('a', 'f')).isEmpty());
        assertTrue(ImageReference.parse("foo:bar:baz").isEmpty());
        assertTrue(ImageReference.parse("/leading").isEmpty());
    }
}
