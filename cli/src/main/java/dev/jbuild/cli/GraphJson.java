package dev.jbuild.cli;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.jsontype.NamedType;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jbuild.parser.graph.InstructionGraph;
import dev.jbuild.parser.graph.MetaArg;
import dev.jbuild.parser.graph.Stage;
import dev.jbuild.parser.graph.StageBase;
import dev.jbuild.parser.graph.StageDependency;
import dev.jbuild.parser.instructions.Command;
import dev.jbuild.parser.instructions.Instruction;
import dev.jbuild.parser.instructions.Mount;
import dev.jbuild.parser.syntax.Directive;
import dev.jbuild.parser.syntax.ParseWarning;
import dev.jbuild.parser.syntax.SourceRange;
import java.io.IOException;
import java.time.Duration;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The JSON form of an instruction graph printed by {@code jbuild parse}. The schema is documented in
 * docs/parse-json.md; field names are stable, and new fields may be added.
 */
final class GraphJson {
    static final int SCHEMA_VERSION = 1;
    private static final ObjectMapper MAPPER = mapper();

    private GraphJson() {}

    static String write(InstructionGraph graph) {
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(tree(graph));
        } catch (IOException e) {
            throw new IllegalStateException("cannot render the instruction graph as JSON", e);
        }
    }

    static ObjectNode tree(InstructionGraph graph) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("schemaVersion", SCHEMA_VERSION);
        root.put("file", graph.syntax().file());
        root.put("escape", String.valueOf(graph.syntax().escape()));
        root.put("platform", graph.platform().toString());
        ArrayNode directives = root.putArray("directives");
        for (Directive directive : graph.syntax().directives()) {
            directives.addObject().put("key", directive.key()).put("value", directive.value()).put("line", directive.range().startLine());
        }
        ArrayNode args = root.putArray("args");
        for (MetaArg arg : graph.metaArgs()) {
            args.addObject().put("name", arg.name()).put("default", arg.defaultValue()).put("value", arg.value())
                    .put("line", arg.range().startLine());
        }
        Stage target = graph.targetStage();
        root.putObject("target").put("index", target.index()).put("name", target.displayName());
        Set<Integer> required = new HashSet<>();
        graph.requiredStages().forEach(s -> required.add(s.index()));
        ArrayNode stages = root.putArray("stages");
        for (Stage stage : graph.stages()) {
            stages.add(stage(stage, required.contains(stage.index())));
        }
        ArrayNode warnings = root.putArray("warnings");
        for (ParseWarning warning : graph.syntax().warnings()) {
            warnings.addObject().put("rule", warning.rule()).put("message", warning.message()).set("range", range(warning.range()));
        }
        return root;
    }

    private static ObjectNode stage(Stage stage, boolean required) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("index", stage.index());
        node.put("name", stage.name());
        node.put("displayName", stage.displayName());
        node.put("required", required);
        ObjectNode base = node.putObject("base");
        if (stage.base() instanceof StageBase.Scratch) {
            base.put("kind", "scratch");
        } else if (stage.base() instanceof StageBase.StageRef ref) {
            base.put("kind", "stage").put("stage", ref.index());
        } else if (stage.base() instanceof StageBase.Image image) {
            base.put("kind", "image").put("reference", image.reference());
        }
        base.put("written", stage.from().image());
        node.put("platform", stage.platform());
        node.set("range", range(stage.range()));
        ArrayNode dependencies = node.putArray("dependencies");
        for (StageDependency dependency : stage.dependencies()) {
            ObjectNode d = dependencies.addObject();
            d.put("kind", dependency.kind().name().toLowerCase(Locale.ROOT).replace('_', '-'));
            d.put("reference", dependency.reference());
            d.put("stage", dependency.stageIndex());
            d.put("line", dependency.range().startLine());
        }
        ArrayNode instructions = node.putArray("instructions");
        instructions.add(instruction(stage.from()));
        stage.instructions().forEach(i -> instructions.add(instruction(i)));
        return node;
    }

    static ObjectNode instruction(Instruction instruction) {
        return MAPPER.valueToTree(instruction);
    }

    private static ObjectNode range(SourceRange range) {
        return MAPPER.valueToTree(range);
    }

    /** Sealed model types get a discriminator; durations are written the Go way Dockerfiles use ({@code 30s}). */
    private static ObjectMapper mapper() {
        ObjectMapper mapper = new ObjectMapper();
        mapper.setSerializationInclusion(JsonInclude.Include.ALWAYS);
        mapper.disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
        SimpleModule module = new SimpleModule("jbuild-model");
        module.setMixInAnnotation(Instruction.class, InstructionMixin.class);
        module.setMixInAnnotation(Mount.class, MountMixin.class);
        module.setMixInAnnotation(Command.class, CommandMixin.class);
        module.addSerializer(Duration.class, new GoDurationSerializer());
        for (Class<?> type : Instruction.class.getPermittedSubclasses()) {
            module.registerSubtypes(new NamedType(type, type.getSimpleName().toUpperCase(Locale.ROOT)));
        }
        for (Class<?> type : Mount.class.getPermittedSubclasses()) {
            module.registerSubtypes(new NamedType(type, type.getSimpleName().toLowerCase(Locale.ROOT)));
        }
        for (Class<?> type : Command.class.getPermittedSubclasses()) {
            module.registerSubtypes(new NamedType(type, type.getSimpleName().replace("Form", "").toLowerCase(Locale.ROOT)));
        }
        mapper.registerModule(module);
        return mapper;
    }

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "instruction")
    private interface InstructionMixin {}

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
    private interface MountMixin {}

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "form")
    private interface CommandMixin {}

    private static final class GoDurationSerializer extends JsonSerializer<Duration> {
        @Override
        public void serialize(Duration value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeString(goDuration(value));
        }
    }

    /** Go's time.Duration.String() for the whole-millisecond values Dockerfiles can hold. */
    static String goDuration(Duration d) {
        long nanos = d.toNanos();
        if (nanos == 0) {
            return "0s";
        }
        if (nanos < 1_000_000_000L) {
            return nanos % 1_000_000 == 0 ? nanos / 1_000_000 + "ms"
                    : nanos % 1_000 == 0 ? nanos / 1_000 + "µs" : nanos + "ns";
        }
        long hours = d.toHours();
        long minutes = d.toMinutesPart();
        String seconds = String.valueOf(d.toSecondsPart());
        int millis = d.toMillisPart();
        if (millis != 0) {
            seconds += "." + String.format(Locale.ROOT, "%03d", millis).replaceAll("0+$", "");
        }
        StringBuilder out = new StringBuilder();
        if (hours > 0) {
            out.append(hours).append('h').append(minutes).append('m');
        } else if (minutes > 0) {
            out.append(minutes).append('m');
        }
        return out.append(seconds).append('s').toString();
    }
}
