package dev.jbuild.builder.dispatch;

import dev.jbuild.parser.graph.MetaArg;
import dev.jbuild.parser.instructions.Arg;
import dev.jbuild.parser.instructions.ArgDeclaration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * ARG inside a stage: a {@code --build-arg} overrides the default; the default is expanded against
 * what is declared so far; a bare {@code ARG NAME} re-declaring a global ARG (or one of the automatic
 * platform ARGs) takes its value. The value is visible to later instructions and RUN's environment,
 * but never persisted in the image's Env.
 */
final class ArgInstruction {
    /** Docker's predefined ARGs: usable by RUN without a declaration, and kept out of history unless declared. */
    static final Set<String> PROXY_ARGS = Set.of("HTTP_PROXY", "http_proxy", "HTTPS_PROXY", "https_proxy",
            "FTP_PROXY", "ftp_proxy", "NO_PROXY", "no_proxy", "ALL_PROXY", "all_proxy");

    private ArgInstruction() {
    }

    static void apply(BuildSession session, StageState state, Arg arg) {
        Map<String, String> buildArgs = session.request().buildArgs();
        List<String> history = new ArrayList<>();
        for (ArgDeclaration declaration : arg.declarations()) {
            String name = declaration.name();
            String value;
            String expandedDefault = null;
            if (declaration.defaultValue() != null) {
                expandedDefault = Expander.of(session, state, arg.range()).word(declaration.defaultValue());
            }
            if (buildArgs.containsKey(name)) {
                value = buildArgs.get(name);
            } else if (expandedDefault != null) {
                value = expandedDefault;
            } else {
                value = globalValue(session, name);
            }
            state.declareArg(name, value);
            Expander.requireVariablesWithinLimits(session, state, arg.range());
            history.add(expandedDefault == null ? name : name + "=" + expandedDefault);
        }
        state.addHistory("ARG " + String.join(" ", history));
    }

    private static String globalValue(BuildSession session, String name) {
        String value = null;
        for (MetaArg meta : session.request().graph().metaArgs()) {
            if (meta.name().equals(name) && meta.value() != null) {
                value = meta.value(); // the last global declaration with a value wins
            }
        }
        return value != null ? value : session.request().graph().platform().automaticArgs().get(name);
    }
}
