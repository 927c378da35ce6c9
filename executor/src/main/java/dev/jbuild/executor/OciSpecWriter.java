package dev.jbuild.executor;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/**
 * Writes an {@link OciSpec} as {@code config.json} with Jackson's streaming generator. Jackson's data
 * binding would first introspect the eleven record types by reflection, about 18 ms of every build that
 * runs a step; written by hand it is well under one. The output is what data binding gives (the
 * records' field order, null fields left out), which a test holds it to.
 */
final class OciSpecWriter {
    private static final JsonFactory FACTORY = new JsonFactory();

    private OciSpecWriter() {
    }

    static void write(OciSpec spec, OutputStream out) throws IOException {
        try (JsonGenerator json = FACTORY.createGenerator(out, JsonEncoding.UTF8)) {
            json.useDefaultPrettyPrinter();
            json.writeStartObject();
            stringField(json, "ociVersion", spec.ociVersion());
            if (spec.process() != null) {
                json.writeFieldName("process");
                process(json, spec.process());
            }
            if (spec.root() != null) {
                json.writeObjectFieldStart("root");
                json.writeStringField("path", spec.root().path());
                json.writeBooleanField("readonly", spec.root().readonly());
                json.writeEndObject();
            }
            stringField(json, "hostname", spec.hostname());
            if (spec.mounts() != null) {
                json.writeArrayFieldStart("mounts");
                for (OciSpec.Mount mount : spec.mounts()) {
                    json.writeStartObject();
                    stringField(json, "destination", mount.destination());
                    stringField(json, "type", mount.type());
                    stringField(json, "source", mount.source());
                    strings(json, "options", mount.options());
                    json.writeEndObject();
                }
                json.writeEndArray();
            }
            if (spec.linux() != null) {
                json.writeFieldName("linux");
                linux(json, spec.linux());
            }
            json.writeEndObject();
        }
    }

    private static void process(JsonGenerator json, OciSpec.Process process) throws IOException {
        json.writeStartObject();
        json.writeBooleanField("terminal", process.terminal());
        if (process.user() != null) {
            json.writeObjectFieldStart("user");
            json.writeNumberField("uid", process.user().uid());
            json.writeNumberField("gid", process.user().gid());
            if (process.user().additionalGids() != null) {
                json.writeArrayFieldStart("additionalGids");
                for (long gid : process.user().additionalGids()) {
                    json.writeNumber(gid);
                }
                json.writeEndArray();
            }
            json.writeEndObject();
        }
        strings(json, "args", process.args());
        strings(json, "env", process.env());
        stringField(json, "cwd", process.cwd());
        if (process.capabilities() != null) {
            OciSpec.Capabilities capabilities = process.capabilities();
            json.writeObjectFieldStart("capabilities");
            // Capabilities has no NON_NULL rule: data binding writes its nulls, and so does this.
            nullableStrings(json, "bounding", capabilities.bounding());
            nullableStrings(json, "effective", capabilities.effective());
            nullableStrings(json, "inheritable", capabilities.inheritable());
            nullableStrings(json, "permitted", capabilities.permitted());
            json.writeEndObject();
        }
        if (process.rlimits() != null) {
            json.writeArrayFieldStart("rlimits");
            for (OciSpec.Rlimit rlimit : process.rlimits()) {
                json.writeStartObject();
                json.writeStringField("type", rlimit.type());
                unsignedField(json, "hard", rlimit.hard());
                unsignedField(json, "soft", rlimit.soft());
                json.writeEndObject();
            }
            json.writeEndArray();
        }
        json.writeBooleanField("noNewPrivileges", process.noNewPrivileges());
        json.writeEndObject();
    }

    private static void linux(JsonGenerator json, OciSpec.Linux linux) throws IOException {
        json.writeStartObject();
        if (linux.namespaces() != null) {
            json.writeArrayFieldStart("namespaces");
            for (OciSpec.Namespace namespace : linux.namespaces()) {
                json.writeStartObject();
                json.writeStringField("type", namespace.type());
                stringField(json, "path", namespace.path());
                json.writeEndObject();
            }
            json.writeEndArray();
        }
        stringField(json, "cgroupsPath", linux.cgroupsPath());
        if (linux.resources() != null) {
            json.writeObjectFieldStart("resources");
            if (linux.resources().pids() != null) {
                json.writeObjectFieldStart("pids");
                json.writeNumberField("limit", linux.resources().pids().limit());
                json.writeEndObject();
            }
            if (linux.resources().memory() != null) {
                json.writeObjectFieldStart("memory");
                json.writeNumberField("limit", linux.resources().memory().limit());
                json.writeEndObject();
            }
            json.writeEndObject();
        }
        strings(json, "maskedPaths", linux.maskedPaths());
        strings(json, "readonlyPaths", linux.readonlyPaths());
        if (linux.seccomp() != null) {
            seccomp(json, linux.seccomp());
        }
        json.writeEndObject();
    }

    private static void seccomp(JsonGenerator json, OciSpec.Seccomp seccomp) throws IOException {
        json.writeObjectFieldStart("seccomp");
        stringField(json, "defaultAction", seccomp.defaultAction());
        strings(json, "architectures", seccomp.architectures());
        if (seccomp.syscalls() != null) {
            json.writeArrayFieldStart("syscalls");
            for (OciSpec.Syscall syscall : seccomp.syscalls()) {
                json.writeStartObject();
                strings(json, "names", syscall.names());
                stringField(json, "action", syscall.action());
                if (syscall.errnoRet() != null) {
                    json.writeNumberField("errnoRet", syscall.errnoRet());
                }
                if (syscall.args() != null) {
                    json.writeArrayFieldStart("args");
                    for (OciSpec.Arg arg : syscall.args()) {
                        json.writeStartObject();
                        json.writeNumberField("index", arg.index());
                        json.writeNumberField("value", arg.value());
                        if (arg.valueTwo() != null) {
                            json.writeNumberField("valueTwo", arg.valueTwo());
                        }
                        stringField(json, "op", arg.op());
                        json.writeEndObject();
                    }
                    json.writeEndArray();
                }
                json.writeEndObject();
            }
            json.writeEndArray();
        }
        json.writeEndObject();
    }

    /** A uint64 of the spec, where Java's -1 is the largest value (RLIM_INFINITY), not a negative number. */
    private static void unsignedField(JsonGenerator json, String name, long value) throws IOException {
        json.writeFieldName(name);
        json.writeNumber(new java.math.BigInteger(Long.toUnsignedString(value)));
    }

    /** A string field, left out when null (the records' NON_NULL rule). */
    private static void stringField(JsonGenerator json, String name, String value) throws IOException {
        if (value != null) {
            json.writeStringField(name, value);
        }
    }

    /** A string array field, left out when null. */
    private static void strings(JsonGenerator json, String name, List<String> values) throws IOException {
        if (values != null) {
            nullableStrings(json, name, values);
        }
    }

    private static void nullableStrings(JsonGenerator json, String name, List<String> values) throws IOException {
        if (values == null) {
            json.writeNullField(name);
            return;
        }
        json.writeArrayFieldStart(name);
        for (String value : values) {
            json.writeString(value);
        }
        json.writeEndArray();
    }
}
