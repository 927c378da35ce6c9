package dev.jbuild.lint.model;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The environment variables well-known base images define, by name only. BuildKit knows them from the
 * image config it pulls; a linter that runs offline needs a table instead. It covers the official images
 * people build on most; {@code baseImageEnv} in the configuration adds more. Unknown images are treated
 * cautiously by the rules that use this (see UndefinedVar).
 */
public final class BaseImageEnv {
    private static final List<String> JAVA = List.of("JAVA_HOME", "JAVA_VERSION", "LANG", "LANGUAGE", "LC_ALL");
    private static final Map<String, List<String>> BUILT_IN = builtIn();

    private final Map<String, List<String>> table;

    public BaseImageEnv(Map<String, List<String>> extra) {
        this.table = new HashMap<>(BUILT_IN);
        this.table.putAll(extra);
    }

    /**
     * The variables {@code image} defines, or null when the image is not known. PATH is always defined: every
     * image config has it and BuildKit adds it to images without one.
     */
    public Set<String> namesFor(String image) {
        if (image.equals("scratch")) {
            return Set.of("PATH");
        }
        String repository = ImageReference.parse(image).map(ImageReference::repository).orElse(image);
        List<String> names = table.get(repository);
        if (names == null) {
            for (Map.Entry<String, List<String>> e : table.entrySet()) {
                if (e.getKey().endsWith("/") && repository.startsWith(e.getKey())) {
                    names = e.getValue();
                    break;
                }
            }
        }
        if (names == null) {
            return null;
        }
        java.util.Set<String> all = new java.util.HashSet<>(names);
        all.add("PATH");
        return Set.copyOf(all);
    }

    private static Map<String, List<String>> builtIn() {
        Map<String, List<String>> t = new HashMap<>();
        for (String os : List.of("alpine", "debian", "ubuntu", "busybox", "centos", "fedora", "rockylinux", "almalinux",
                "amazonlinux", "archlinux", "opensuse/leap", "opensuse/tumbleweed", "oraclelinux", "photon", "clearlinux",
                "gcr.io/distroless/", "cgr.dev/chainguard/", "registry.access.redhat.com/", "redhat/")) {
            t.put(os, List.of());
        }
        List<String> python = List.of("PYTHON_VERSION", "PYTHON_SHA256", "GPG_KEY", "LANG", "PYTHON_PIP_VERSION",
                "PYTHON_SETUPTOOLS_VERSION", "PYTHON_GET_PIP_URL", "PYTHON_GET_PIP_SHA256");
        t.put("python", python);
        t.put("pypy", List.of("PYPY_VERSION", "LANG"));
        t.put("node", List.of("NODE_VERSION", "YARN_VERSION"));
        t.put("golang", List.of("GOLANG_VERSION", "GOPATH", "GOTOOLCHAIN"));
        for (String java : List.of("openjdk", "eclipse-temurin", "amazoncorretto", "ibmjava", "ibm-semeru-runtimes", "sapmachine")) {
            t.put(java, JAVA);
        }
        t.put("maven", concat(JAVA, "MAVEN_HOME", "MAVEN_CONFIG"));
        t.put("gradle", concat(JAVA, "GRADLE_HOME", "GRADLE_VERSION"));
        t.put("tomcat", concat(JAVA, "CATALINA_HOME", "TOMCAT_NATIVE_LIBDIR", "LD_LIBRARY_PATH", "GPG_KEYS",
                "TOMCAT_MAJOR", "TOMCAT_VERSION", "TOMCAT_SHA512"));
        t.put("ruby", List.of("RUBY_VERSION", "RUBY_MAJOR", "RUBY_DOWNLOAD_SHA256", "RUBY_DOWNLOAD_URL", "GEM_HOME",
                "BUNDLE_SILENCE_ROOT_WARNING", "BUNDLE_APP_CONFIG", "LANG"));
        t.put("php", List.of("PHP_VERSION", "PHP_INI_DIR", "PHPIZE_DEPS", "PHP_URL", "PHP_ASC_URL", "PHP_SHA256",
                "GPG_KEYS", "PHP_CFLAGS", "PHP_CPPFLAGS", "PHP_LDFLAGS", "APACHE_CONFDIR", "APACHE_ENVVARS"));
        t.put("wordpress", List.of("PHP_VERSION", "PHP_INI_DIR", "WORDPRESS_VERSION"));
        t.put("composer", List.of("PHP_VERSION", "PHP_INI_DIR", "COMPOSER_HOME", "COMPOSER_ALLOW_SUPERUSER", "COMPOSER_VERSION"));
        t.put("nginx", List.of("NGINX_VERSION", "NJS_VERSION", "NJS_RELEASE", "PKG_RELEASE", "DYNPKG_RELEASE"));
        t.put("httpd", List.of("HTTPD_PREFIX", "HTTPD_VERSION", "HTTPD_SHA256", "HTTPD_PATCHES"));
        t.put("rust", List.of("RUSTUP_HOME", "CARGO_HOME", "RUST_VERSION"));
        t.put("postgres", List.of("PG_MAJOR", "PG_VERSION", "PGDATA", "GOSU_VERSION", "LANG"));
        t.put("mysql", List.of("MYSQL_MAJOR", "MYSQL_VERSION", "MYSQL_SHELL_VERSION", "GOSU_VERSION"));
        t.put("mariadb", List.of("MARIADB_VERSION", "GOSU_VERSION", "LANG"));
        t.put("redis", List.of("REDIS_VERSION", "REDIS_DOWNLOAD_URL", "REDIS_DOWNLOAD_SHA"));
        t.put("mongo", List.of("MONGO_MAJOR", "MONGO_VERSION", "MONGO_PACKAGE", "MONGO_REPO", "GOSU_VERSION", "JSYAML_VERSION"));
        t.put("erlang", List.of("OTP_VERSION", "REBAR3_VERSION", "LANG"));
        t.put("elixir", List.of("OTP_VERSION", "REBAR3_VERSION", "ELIXIR_VERSION", "LANG"));
        t.put("perl", List.of("PERL_VERSION"));
        t.put("docker", List.of("DOCKER_VERSION", "DOCKER_TLS_CERTDIR", "DOCKER_BUILDX_VERSION", "DOCKER_COMPOSE_VERSION"));
        t.put("mcr.microsoft.com/dotnet/", List.of("DOTNET_VERSION", "ASPNET_VERSION", "ASPNETCORE_VERSION", "APP_UID",
                "ASPNETCORE_HTTP_PORTS", "ASPNETCORE_URLS", "DOTNET_RUNNING_IN_CONTAINER", "DOTNET_SDK_VERSION",
                "DOTNET_GENERATE_ASPNET_CERTIFICATE", "DOTNET_NOLOGO", "DOTNET_USE_POLLING_FILE_WATCHER", "NUGET_XMLDOC_MODE",
                "POWERSHELL_DISTRIBUTION_CHANNEL"));
        return Map.copyOf(t);
    }

    private static List<String> concat(List<String> base, String... more) {
        List<String> all = new java.util.ArrayList<>(base);
        all.addAll(List.of(more));
        return List.copyOf(all);
    }
}
