package dev.jbuild.registry;

/**
 * What the registry serves under the name is not an image jbuild can use: a schema 1 manifest, an OCI
 * artifact (a signature, an SBOM), an index without this platform.
 */
public final class UnsupportedManifestException extends RegistryException {
    public UnsupportedManifestException(String message) {
        super(message);
    }
}
