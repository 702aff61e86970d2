package io.atelier.bridge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.atelier.brands.store.DatabaseLocation;
import io.atelier.bridge.BridgeConfig;
import io.atelier.bridge.support.TestBridge;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code serve}'s deployment options, as a bridge reached from other machines uses them: real Jetty, real TLS. */
class DeploymentOptionsTest {
    @TempDir
    Path dir;

    private BridgeConfig parse(String... args) {
        ServeCommand serve = new ServeCommand();
        new CommandLine(serve).parseArgs(args);
        return serve.deployment.apply(BridgeConfig.defaults(dir));
    }

    @Test
    void left_out_the_bridge_is_what_it_always_was() {
        BridgeConfig config = parse();
        assertEquals(DatabaseLocation.Vendor.SQLITE, config.databaseLocation().vendor());
        assertEquals(BridgeConfig.Role.ALL, config.role());
        assertEquals(Set.of(), config.extraHostNames());
        assertEquals(null, config.tls());
    }

    @Test
    void database_role_and_models_are_read_and_checked_together() {
        BridgeConfig worker = parse("--database", "postgresql://studio@db.lan/atelier", "--role", "worker",
                "--models", "sd15,atelier-micro", "--worker-lease", "5");
        assertEquals("jdbc:postgresql://db.lan/atelier", worker.databaseLocation().jdbcUrl());
        assertEquals(BridgeConfig.Role.WORKER, worker.role());
        assertEquals(Set.of("sd15", "atelier-micro"), worker.workerModels());
        assertEquals(Duration.ofSeconds(5), worker.workerLease());
        assertTrue(worker.sharesQueue());
        IllegalArgumentException alone = assertThrows(IllegalArgumentException.class, () -> parse("--role", "bridge"));
        assertTrue(alone.getMessage().contains("--database"), alone.getMessage());
        assertThrows(IllegalArgumentException.class, () -> parse("--role", "chef"));
        assertThrows(IllegalArgumentException.class, () -> parse("--database", "mysql://db/atelier"));
        assertThrows(IllegalArgumentException.class, () -> parse("--database", "postgresql://db/a", "--role",
                "bridge", "--models", "sd15"));
    }

    @Test
    void an_allowed_host_name_passes_the_host_check_and_others_still_do_not() throws Exception {
        BridgeConfig allowed = parse("--allow-host", "Atelier.Studio.LAN", "--allow-host", "10.0.0.7");
        try (TestBridge bridge = TestBridge.start(c -> c.withExtraHostNames(allowed.extraHostNames()))) {
            int port = bridge.bridge().port();
            assertEquals(200, health(bridge, "atelier.studio.lan:" + port));
            assertEquals(200, health(bridge, "10.0.0.7:" + port));
            assertEquals(403, health(bridge, "attacker.example:" + port));
        }
    }

    private static int health(TestBridge bridge, String host) throws IOException {
        Request request = new Request.Builder().url(bridge.url("/rpc")).header("Host", host)
                .header("Authorization", "Bearer " + bridge.adminToken())
                .post(okhttp3.RequestBody.create("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"jobs.list\",\"params\":{}}",
                        TestBridge.JSON)).build();
        return bridge.send(request).code();
    }

    @Test
    void https_from_a_keystore_and_from_a_pem_pair() throws Exception {
        Path keystore = dir.resolve("bridge.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "atelier", "-keyalg", "EC", "-groupname", "secp256r1", "-dname",
                "CN=localhost", "-ext", "san=dns:localhost,ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12",
                "-keystore", keystore.toString(), "-storepass", "changeit", "-keypass", "changeit")
                .redirectErrorStream(true).start();
        assertTrue(keytool.waitFor(60, TimeUnit.SECONDS) && keytool.exitValue() == 0,
                new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            store.load(in, "changeit".toCharArray());
        }
        // The same certificate and key as a PEM pair, as an internal CA would hand them out.
        Path cert = dir.resolve("bridge.crt");
        Path key = dir.resolve("bridge.key");
        Files.writeString(cert, pem("CERTIFICATE", store.getCertificate("atelier").getEncoded()));
        Files.writeString(key, pem("PRIVATE KEY", store.getKey("atelier", "changeit".toCharArray()).getEncoded()));

        for (BridgeConfig tls : List.of(withKeystore(keystore), parse("--tls-cert", cert.toString(), "--tls-key",
                key.toString()))) {
            try (TestBridge bridge = TestBridge.start(c -> c.withTls(tls.tls()))) {
                String url = bridge.bridge().baseUri().toString();
                assertTrue(url.startsWith("https://"), url);
                try (Response answer = trusting(store).newCall(new Request.Builder().url(url + "/health").build())
                        .execute()) {
                    assertEquals(200, answer.code());
                }
                OkHttpClient plain = new OkHttpClient.Builder().readTimeout(Duration.ofSeconds(5)).build();
                assertThrows(IOException.class, () -> plain.newCall(new Request.Builder()
                        .url(url.replace("https://", "http://") + "/health").build()).execute().close(),
                        "plain HTTP is not served beside HTTPS");
            }
        }
    }

    private BridgeConfig withKeystore(Path keystore) {
        return BridgeConfig.defaults(dir).withTls(io.atelier.bridge.http.TlsSettings.keystore(keystore, "changeit"));
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der) + "\n-----END " + type + "-----\n";
    }

    private static OkHttpClient trusting(KeyStore store) throws Exception {
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return new OkHttpClient.Builder().sslSocketFactory(context.getSocketFactory(),
                (X509TrustManager) trust.getTrustManagers()[0]).build();
    }
}
