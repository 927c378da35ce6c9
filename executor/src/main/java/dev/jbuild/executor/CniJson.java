package dev.jbuild.executor;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The object mapper for CNI documents, in a class of its own so that it is made only when a CNI network is
 * used: creating Jackson's first ObjectMapper costs a cold JVM some 20 ms of CPU, which every RUN step paid
 * while slirp4netns was chosen and the CNI provider was merely a candidate.
 */
final class CniJson {
    static final ObjectMapper MAPPER = new ObjectMapper();

    private CniJson() {
    }
}
