package dev.jbuild.bench;

/** A synthetic multi-stage Dockerfile with every common instruction shape, one instruction per line. */
final class GeneratedDockerfile {
    private GeneratedDockerfile() {}

    static String of(int instructions) {
        StringBuilder text = new StringBuilder("# syntax=docker/dockerfile:1\nARG BASE=debian:bookworm\n");
        int stage = 0;
        for (int i = 0; i < instructions; i++) {
            switch (i % 10) {
                case 0 -> text.append(i % 1000 == 0 ? "FROM ${BASE} AS s" + (stage++) + "\n" : "ARG V" + i + "=" + i + "\n");
                case 1 -> text.append("RUN --mount=type=cache,target=/var/cache/apt apt-get install -y pkg").append(i).append(" && rm -rf /x\n");
                case 2 -> text.append("ENV PATH=/opt/").append(i).append("/bin:$PATH HOME=\"/home/u").append(i).append("\"\n");
                case 3 -> text.append("COPY --chown=1000:1000 --chmod=644 src/").append(i).append(" /app/").append(i).append("/\n");
                case 4 -> text.append("LABEL org.example.k").append(i).append("=\"v ").append(i).append("\"\n");
                case 5 -> text.append("WORKDIR /app/${V").append(i - 5).append("}\n");
                case 6 -> text.append("RUN [\"/bin/sh\", \"-c\", \"echo ").append(i).append("\"]\n");
                case 7 -> text.append("EXPOSE ").append(1000 + i % 60000).append("/tcp\n");
                case 8 -> text.append("USER u").append(i).append(":g").append(i).append("\n");
                default -> text.append(stage > 1 ? "COPY --from=s" + (stage - 2) + " /out /in\n" : "CMD [\"run\"]\n");
            }
        }
        return text.toString();
    }
}
