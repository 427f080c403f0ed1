package io.playerbase.adapters.stores.appstore;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What the App Store adapters check signed data against.
 *
 * @param bundleId     the app's bundle id ({@code PLAYERBASE_IAP_APPLE_BUNDLE_ID})
 * @param environments the Apple environments accepted ({@code Production}, {@code Sandbox}…;
 *                     {@code PLAYERBASE_IAP_APPLE_ENVIRONMENTS})
 * @param appAppleId   the app's Apple id, required when {@code Production} is accepted: production
 *                     notifications must carry it
 * @param trustedRoots the roots a signing chain must end in (Apple Root CA G3 and the configured extra roots)
 */
public record AppStoreSettings(String bundleId, Set<String> environments, Long appAppleId, List<X509Certificate> trustedRoots) {

    static final String PRODUCTION = "Production";
    private static final Set<String> APPLE_ENVIRONMENTS = Set.of(PRODUCTION, "Sandbox", "Xcode", "LocalTesting");
    private static final String BUNDLED_ROOT = "AppleRootCA-G3.cer";

    public AppStoreSettings {
        if (bundleId == null || bundleId.isBlank()) {
            throw new IllegalArgumentException("the App Store bundle id is required");
        }
        environments = Set.copyOf(environments);
        if (environments.isEmpty() || !APPLE_ENVIRONMENTS.containsAll(environments)) {
            throw new IllegalArgumentException("App Store environments must be some of " + APPLE_ENVIRONMENTS + ": " + environments);
        }
        if (environments.contains(PRODUCTION) && appAppleId == null) {
            throw new IllegalArgumentException("the app's Apple id (appAppleId) is required when Production is accepted");
        }
        trustedRoots = List.copyOf(trustedRoots);
        if (trustedRoots.isEmpty()) {
            throw new IllegalArgumentException("at least one trusted root certificate is required");
        }
    }

    /** Apple Root CA - G3 (bundled, SHA-256 63:34:3A:BF…:91:79) followed by the certificates of {@code extraRootFiles}. */
    public static List<X509Certificate> appleRootAnd(List<Path> extraRootFiles) {
        List<X509Certificate> roots = new ArrayList<>();
        try (InputStream bundled = Objects.requireNonNull(AppStoreSettings.class.getResourceAsStream(BUNDLED_ROOT), BUNDLED_ROOT)) {
            roots.addAll(certificates(bundled, BUNDLED_ROOT));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (Path file : extraRootFiles) {
            try (InputStream in = Files.newInputStream(file)) {
                roots.addAll(certificates(in, file.toString()));
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read the root certificate file " + file + ": " + e.getMessage(), e);
            }
        }
        return roots;
    }

    /** DER or PEM (one or more certificates). */
    private static List<X509Certificate> certificates(InputStream in, String source) {
        try {
            List<X509Certificate> found = CertificateFactory.getInstance("X.509").generateCertificates(in).stream()
                    .map(X509Certificate.class::cast)
                    .toList();
            if (found.isEmpty()) {
                throw new IllegalArgumentException("no certificate in " + source);
            }
            return found;
        } catch (CertificateException e) {
            throw new IllegalArgumentException("not a DER or PEM certificate: " + source, e);
        }
    }
}
