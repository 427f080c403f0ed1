package io.playerbase.adapters.stores.appstore;

import com.fasterxml.jackson.databind.JsonNode;
import io.playerbase.adapters.stores.CompactJws;
import io.playerbase.adapters.stores.JsonFields;

import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Offline verification of App Store signed data (StoreKit 2 transactions, renewal info, server
 * notifications), the way Apple's own server library does it: the {@code x5c} chain (leaf,
 * intermediate, root) must lead from the leaf through the intermediate to one of our trusted roots,
 * valid at the payload's {@code signedDate}; the leaf and intermediate carry Apple's marker OIDs;
 * the JWS is ES256 and its signature verifies with the leaf's key. The root sent in {@code x5c} is
 * never trusted by itself. No revocation check: it would need Apple's OCSP responder online.
 */
final class AppleSignedData {

    static final String LEAF_MARKER_OID = "1.2.840.113635.100.6.11.1";
    static final String INTERMEDIATE_MARKER_OID = "1.2.840.113635.100.6.2.1";
    private static final int CHAIN_LENGTH = 3;

    private final Set<TrustAnchor> anchors;
    private final Clock clock;

    AppleSignedData(List<X509Certificate> trustedRoots, Clock clock) {
        this.anchors = trustedRoots.stream().map(root -> new TrustAnchor(root, null)).collect(Collectors.toUnmodifiableSet());
        this.clock = clock;
    }

    /** The verified JWS; every failure is one of {@code refusals}. */
    CompactJws verify(String compact, int maxLength, Refusals refusals) {
        CompactJws jws;
        try {
            jws = CompactJws.parse(compact, maxLength);
        } catch (CompactJws.Malformed e) {
            throw refusals.malformed(e.getMessage());
        }
        if (!"ES256".equals(jws.algorithm())) {
            throw refusals.notGenuine("the algorithm must be ES256, not '" + jws.algorithm() + "'");
        }
        if (jws.header().has("crit")) {
            throw refusals.notGenuine("critical header parameters are not supported");
        }
        List<X509Certificate> chain = chain(jws.header(), refusals);
        Instant signedAt = signedDate(jws.payload(), refusals);
        checkChain(chain, signedAt, refusals);
        checkSignature(chain.get(0).getPublicKey(), jws, refusals);
        return jws;
    }

    private static List<X509Certificate> chain(JsonNode header, Refusals refusals) {
        JsonNode x5c = header.get("x5c");
        if (x5c == null || !x5c.isArray()) {
            throw refusals.notGenuine("the x5c certificate chain is missing");
        }
        if (x5c.size() != CHAIN_LENGTH) {
            throw refusals.notGenuine("the x5c chain must hold " + CHAIN_LENGTH + " certificates, not " + x5c.size());
        }
        List<X509Certificate> chain = new ArrayList<>();
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            for (JsonNode entry : x5c) {
                if (!entry.isTextual()) {
                    throw refusals.notGenuine("an x5c entry is not a string");
                }
                chain.add((X509Certificate) factory.generateCertificate(
                        new ByteArrayInputStream(Base64.getDecoder().decode(entry.asText()))));
            }
        } catch (GeneralSecurityException | IllegalArgumentException | ClassCastException e) {
            throw refusals.notGenuine("an x5c entry is not a DER certificate");
        }
        return chain;
    }

    /** When Apple signed it; the chain must be valid then. Without one (never seen from Apple), now. */
    private Instant signedDate(JsonNode payload, Refusals refusals) {
        try {
            return JsonFields.epochMillis(payload, "signedDate").orElseGet(clock::instant);
        } catch (JsonFields.WrongType e) {
            throw refusals.malformed(e.getMessage());
        }
    }

    void checkChain(List<X509Certificate> chain, Instant signedAt, Refusals refusals) {
        try {
            // The path is leaf + intermediate; the anchor is ours, whatever root x5c names.
            var path = CertificateFactory.getInstance("X.509").generateCertPath(chain.subList(0, CHAIN_LENGTH - 1));
            PKIXParameters parameters = new PKIXParameters(anchors);
            parameters.setRevocationEnabled(false);
            parameters.setDate(Date.from(signedAt));
            CertPathValidator.getInstance("PKIX").validate(path, parameters);
        } catch (InvalidAlgorithmParameterException e) {
            throw new IllegalStateException("no trusted App Store root configured", e);
        } catch (GeneralSecurityException e) {
            throw refusals.notGenuine("the certificate chain does not lead to a trusted Apple root at signedDate " + signedAt);
        }
        if (chain.get(0).getExtensionValue(LEAF_MARKER_OID) == null) {
            throw refusals.notGenuine("the leaf certificate lacks Apple's marker " + LEAF_MARKER_OID);
        }
        if (chain.get(1).getExtensionValue(INTERMEDIATE_MARKER_OID) == null) {
            throw refusals.notGenuine("the intermediate certificate lacks Apple's marker " + INTERMEDIATE_MARKER_OID);
        }
    }

    private static void checkSignature(PublicKey leafKey, CompactJws jws, Refusals refusals) {
        if (!(leafKey instanceof ECPublicKey ec) || ec.getParams().getCurve().getField().getFieldSize() != 256) {
            throw refusals.notGenuine("the leaf key is not a P-256 key");
        }
        if (jws.signature().length != 64) {
            throw refusals.notGenuine("the signature is not a 64-byte ES256 signature");
        }
        try {
            Signature verifier = Signature.getInstance("SHA256withECDSAinP1363Format");
            verifier.initVerify(leafKey);
            verifier.update(jws.signingInput());
            if (!verifier.verify(jws.signature())) {
                throw refusals.notGenuine("the signature does not match the signed data");
            }
        } catch (GeneralSecurityException e) {
            throw refusals.notGenuine("the signature cannot be checked");
        }
    }
}
