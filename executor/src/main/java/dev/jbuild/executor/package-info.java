/**
 * Runs build steps: "this argv, as this user, in this environment, on this root, with these
 * mounts", and returns the diff. Knows nothing of Dockerfiles.
 *
 * <h2>Storage</h2>
 * A {@link dev.jbuild.executor.StorageDriver} ({@link dev.jbuild.executor.OverlayDriver} or
 * {@link dev.jbuild.executor.VfsDriver}, chosen by {@link dev.jbuild.executor.StorageDrivers})
 * turns lower directories in overlay format into a writable
 * {@link dev.jbuild.executor.Workspace}; after the step, {@code changes()} and {@code diffRoot()}
 * feed {@code LayerWriter.writeChanges}, and {@code saveDiff} stores the diff as the next step's
 * lower directory.
 *
 * <h2>Sandbox</h2>
 * {@link dev.jbuild.executor.Sandbox} writes an OCI bundle and runs it with the runtime
 * {@link dev.jbuild.executor.RuntimeProbe} found working. A step gets what Docker gives a build
 * step: new pid, mount, ipc, uts and network namespaces (the host's network only for {@code HOST}), Docker's
 * 14 default capabilities, masked and read-only paths, /proc, a tmpfs /dev, read-only /sys, Docker's seccomp
 * rules (as a deny list, see {@link dev.jbuild.executor.SeccompProfile}), no no_new_privs, and a pids limit
 * ({@link dev.jbuild.executor.StepResources}). A default-network step's namespace is connected to the
 * outside by slirp4netns or the CNI bridge ({@link dev.jbuild.executor.NetworkProviders}).
 * /etc/hosts, /etc/resolv.conf, /etc/hostname and secrets are bind-mounted from outside the root;
 * mount points the runtime had to create in the root are removed afterwards
 * ({@link dev.jbuild.executor.MountStubs}), so none of them reach the diff.
 *
 * <h2>Cleanup</h2>
 * Every transient directory carries an owner lease; a shutdown hook undoes running steps and open
 * workspaces on Ctrl-C or SIGTERM, and {@link dev.jbuild.executor.Janitor} removes what a SIGKILL
 * left (containers, network attachments, mounts, directories), and lists it for {@code system check}.
 */
package dev.jbuild.executor;
