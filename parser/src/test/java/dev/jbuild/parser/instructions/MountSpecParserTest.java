package dev.jbuild.parser.instructions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jbuild.platform.CacheSharing;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MountSpecParserTest {

    private static Mount mount(String spec) {
        return MountSpecParser.parse(spec);
    }

    /** Mount errors surface through RUN, at the RUN's line. */
    private static void rejected(String spec, int line, String message, String hint) {
        Raw.of("RUN", "true").flags("--mount=" + spec).at(line).fails(message, hint);
    }

    // --- bind ---------------------------------------------------------------------------------

    @Test
    void bindIsTheDefaultTypeAndReadOnly() {
        assertEquals(new Mount.Bind("/src", null, null, false, "target=/src"), mount("target=/src"));
    }

    @Test
    void bindKeepsSourceAndFromRaw() {
        assertEquals(new Mount.Bind("/w", "$DIR/out", "build", false, "type=bind,src=$DIR/out,from=build,dst=/w"),
                mount("type=bind,src=$DIR/out,from=build,dst=/w"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "type=bind,target=/t,rw|true",
        "type=bind,target=/t,readwrite|true",
        "type=bind,target=/t,rw=true|true",
        "type=bind,target=/t,rw=false|false",
        "type=bind,target=/t,ro|false",
        "type=bind,target=/t,readonly=false|true",
        "type=bind,target=/t,ro=0|true",
    })
    void bindReadWriteFollowsRoAndRwOptions(String spec, boolean readWrite) {
        assertEquals(readWrite, ((Mount.Bind) mount(spec)).readWrite());
    }

    @Test
    void targetAliasesAreAccepted() {
        assertEquals("/a", mount("destination=/a").target());
        assertEquals("/b", mount("dst=/b").target());
    }

    @Test
    void keysAndTypeAreCaseInsensitive() {
        assertEquals(Mount.Tmpfs.class, mount("TYPE=TMPFS,Target=/t").getClass());
    }

    @Test
    void quotedCsvFieldMayHoldACommaInItsValue() {
        assertEquals("/a,b", mount("type=bind,\"target=/a,b\"").target());
    }

    // --- cache --------------------------------------------------------------------------------

    @Test
    void cacheDefaultsIdToCleanedTargetAndSharingToShared() {
        assertEquals(new Mount.Cache("/root/.cache/", "/root/.cache", CacheSharing.SHARED, null, null, null, null,
                        null, false, "type=cache,target=/root/.cache/"),
                mount("type=cache,target=/root/.cache/"));
    }

    @Test
    void cacheTakesEveryOption() {
        Mount.Cache cache = (Mount.Cache) mount(
                "type=cache,id=go,target=/go,sharing=locked,from=base,source=/seed,mode=0700,uid=1000,gid=1001,ro");
        assertEquals(new Mount.Cache("/go", "go", CacheSharing.LOCKED, "base", "/seed", 0700L, 1000L, 1001L, true,
                cache.spec()), cache);
    }

    @ParameterizedTest
    @CsvSource({"shared,SHARED", "private,PRIVATE", "LOCKED,LOCKED"})
    void cacheSharingModes(String written, CacheSharing expected) {
        assertEquals(expected, ((Mount.Cache) mount("type=cache,target=/c,sharing=" + written)).sharing());
    }

    @Test
    void cacheModeWithVariableIsLeftForTheBuilder() {
        Mount.Cache cache = (Mount.Cache) mount("type=cache,target=/c,uid=$UID,mode=$M");
        assertEquals(null, cache.uid());
        assertEquals(null, cache.mode());
    }

    @Test
    void builderReadingExpandsEveryValue() {
        Map<String, String> env = Map.of("UID", "1000", "DIR", "/cache");
        Mount.Cache cache = (Mount.Cache) MountSpecParser.parse("type=cache,target=$DIR,uid=$UID",
                value -> value.replace("$UID", env.get("UID")).replace("$DIR", env.get("DIR")));
        assertEquals(1000L, cache.uid());
        assertEquals("/cache", cache.target());
        assertEquals("/cache", cache.id());
    }

    // --- tmpfs --------------------------------------------------------------------------------

    @Test
    void tmpfsIsWritableAndUnlimitedByDefault() {
        assertEquals(new Mount.Tmpfs("/tmp", null, false, "type=tmpfs,target=/tmp"), mount("type=tmpfs,target=/tmp"));
    }

    @ParameterizedTest
    @CsvSource({"100,100", "64m,67108864", "1k,1024", "1.5GiB,1610612736", "2gb,2147483648"})
    void tmpfsSizeUsesBinaryUnits(String size, long bytes) {
        assertEquals(bytes, ((Mount.Tmpfs) mount("type=tmpfs,target=/t,size=" + size)).sizeBytes());
    }

    // --- secret -------------------------------------------------------------------------------

    @Test
    void secretTargetDefaultsToRunSecretsId() {
        assertEquals(new Mount.Secret("npmrc", "/run/secrets/npmrc", null, false, null, null, null,
                "type=secret,id=npmrc"), mount("type=secret,id=npmrc"));
    }

    @Test
    void secretIdDefaultsToTargetBaseName() {
        Mount.Secret secret = (Mount.Secret) mount("type=secret,target=/root/.npmrc,required,mode=0440,uid=1,gid=2");
        assertEquals(new Mount.Secret(".npmrc", "/root/.npmrc", null, true, 0440L, 1L, 2L, secret.spec()), secret);
    }

    @Test
    void secretSourceActsAsId() {
        assertEquals("aws", ((Mount.Secret) mount("type=secret,source=aws,target=/creds")).id());
    }

    @Test
    void secretAsEnvironmentOnlyHasNoFile() {
        assertEquals(new Mount.Secret("token", null, "API_TOKEN", true, null, null, null,
                "type=secret,id=token,env=API_TOKEN,required=true"), mount("type=secret,id=token,env=API_TOKEN,required=true"));
    }

    @Test
    void secretRequiredFalseIsOptional() {
        assertEquals(false, ((Mount.Secret) mount("type=secret,id=a,required=false")).required());
    }

    // --- ssh ----------------------------------------------------------------------------------

    @Test
    void sshDefaultsToTheDefaultAgentAndBuildKitSocketPath() {
        assertEquals(new Mount.Ssh("default", null, false, null, null, null, "type=ssh"), mount("type=ssh"));
    }

    @Test
    void sshTakesIdTargetRequiredAndFileInfo() {
        assertEquals(new Mount.Ssh("github", "/ssh.sock", true, 0600L, 10L, 20L,
                        "type=ssh,id=github,target=/ssh.sock,required,mode=600,uid=10,gid=20"),
                mount("type=ssh,id=github,target=/ssh.sock,required,mode=600,uid=10,gid=20"));
    }

    // --- errors -------------------------------------------------------------------------------

    @Test
    void unknownTypeSuggestsTheClosest() {
        rejected("type=cahce,target=/c", 2, "unsupported mount type \"cahce\"", "did you mean cache?");
    }

    @Test
    void unknownKeySuggestsTheClosest() {
        rejected("type=bind,targt=/c", 3, "unexpected key 'targt' in 'targt=/c'", "did you mean target?");
    }

    @Test
    void bareUnknownKeyMustBeAPair() {
        rejected("type=bind,target=/c,nosuid", 4, "invalid field 'nosuid' must be a key=value pair", null);
    }

    @Test
    void requiredOnBindIsUnexpected() {
        rejected("target=/c,required", 5, "unexpected key 'required' for mount type 'bind'", null);
    }

    @Test
    void requiredBeforeTheTypeIsJudgedAgainstBind() {
        rejected("required,type=secret,id=a", 6, "unexpected key 'required' for mount type 'bind'", null);
    }

    @Test
    void sizeOnCacheIsUnexpected() {
        rejected("type=cache,target=/c,size=1m", 7, "unexpected key 'size' for mount type 'cache'", null);
    }

    @Test
    void invalidSizeIsRejected() {
        rejected("type=tmpfs,target=/t,size=huge", 8, "invalid value for size: huge", null);
    }

    @Test
    void invalidBooleanIsRejected() {
        rejected("target=/t,ro=maybe", 9, "invalid value for ro: maybe", null);
    }

    @Test
    void invalidRequiredValueIsRejected() {
        rejected("type=secret,id=a,required=sure", 28, "invalid value for required: sure", null);
    }

    @Test
    void invalidReadWriteValueIsRejected() {
        rejected("target=/t,rw=yes", 29, "invalid value for rw: yes", null);
    }

    @Test
    void invalidSharingSuggestsTheClosest() {
        rejected("type=cache,target=/c,sharing=lock", 10, "unsupported sharing value \"lock\"", "did you mean locked?");
    }

    @Test
    void nonOctalModeIsRejected() {
        rejected("type=cache,target=/c,mode=0789", 11, "invalid value 0789 for mode", null);
    }

    @Test
    void nonNumericUidIsRejected() {
        rejected("type=cache,target=/c,uid=root", 12, "invalid value root for uid", null);
    }

    @Test
    void negativeGidIsRejected() {
        rejected("type=cache,target=/c,gid=-1", 13, "invalid value -1 for gid", null);
    }

    @Test
    void modeOnBindIsNotAllowed() {
        rejected("type=bind,target=/c,mode=0755", 14, "mode not allowed for \"bind\" type mounts", null);
    }

    @Test
    void uidOnTmpfsIsNotAllowed() {
        rejected("type=tmpfs,target=/c,uid=1", 15, "uid not allowed for \"tmpfs\" type mounts", null);
    }

    @Test
    void gidOnBindIsNotAllowedEvenWithVariable() {
        rejected("target=/c,gid=$G", 16, "gid not allowed for \"bind\" type mounts", null);
    }

    @Test
    void secretWithFromIsRejected() {
        rejected("type=secret,id=a,from=base", 17, "secret mount should not have a from", null);
    }

    @Test
    void secretWithSharingIsRejected() {
        rejected("type=secret,id=a,sharing=shared", 18, "secret mount should not define sharing", null);
    }

    @Test
    void secretWithoutIdSourceOrTargetIsRejected() {
        rejected("type=secret,required", 19, "invalid secret mount. one of source, target required", null);
    }

    @Test
    void secretWithBothSourceAndIdIsRejected() {
        rejected("type=secret,id=a,source=b", 20, "both source and id can't be set", null);
    }

    @Test
    void sharingOnBindIsRejected() {
        rejected("type=bind,target=/c,sharing=private", 21, "invalid cache sharing set for bind mount", null);
    }

    @Test
    void sshWithSourceIsRejected() {
        rejected("type=ssh,source=/agent", 22, "ssh does not support source", null);
    }

    @Test
    void cacheWithoutTargetOrIdLeavesTheIdToTheBuilder() {
        Mount.Cache cache = (Mount.Cache) MountSpecParser.parse("type=cache");
        assertNull(cache.target());
        assertNull(cache.id());
    }

    @Test
    void bindWithoutTargetIsAcceptedBecauseItMountsOnTheWorkingDirectory() {
        Mount.Bind bind = (Mount.Bind) MountSpecParser.parse("from=binaries,src=/out,rw");
        assertNull(bind.target());
        assertEquals("binaries", bind.from());
        assertEquals("/out", bind.source());
        assertTrue(bind.readWrite());
    }

    @Test
    void fromWithVariableIsRejected() {
        rejected("from=$STAGE,target=/t", 25,
                "'from' doesn't support variable expansion, define alias stage instead", null);
    }

    @Test
    void fromEndingInDollarIsLiteral() {
        assertEquals("odd$", ((Mount.Bind) mount("from=odd$,target=/t")).from());
    }

    @Test
    void bareQuoteInFieldIsACsvError() {
        rejected("target=/a\"b", 26, "failed to parse csv mounts: bare \" in non-quoted-field", null);
    }

    @Test
    void unterminatedQuotedFieldIsACsvError() {
        rejected("\"target=/a", 27, "failed to parse csv mounts: extraneous or missing \" in quoted-field", null);
    }

    @Test
    void builderReadingReportsErrorsWithoutPosition() {
        InstructionException e = assertThrows(InstructionException.class,
                () -> MountSpecParser.parse("type=cache,target=/c,uid=$UID", v -> v.replace("$UID", "nobody")));
        assertEquals("invalid value nobody for uid", e.getMessage());
    }
}
