/**
 * Keys and sealing.
 *
 * <p>The MasterKey is the repository's two secrets: the AES-256 key that encrypts every object and
 * the HMAC-SHA256 key that derives blob ids (BlobHasher). A KeyFile (keys/) wraps the master key
 * with a key derived from a password by scrypt (KdfParams). Sealer seals with AES-256-GCM: a sealed
 * message is nonce, ciphertext and tag; a tag that does not verify throws
 * AuthenticationFailedException. CryptoProvider picks once whether these run on the native provider
 * (ACCP) or the JDK's; both produce the same format.
 */
package io.volback.repo.crypto;
