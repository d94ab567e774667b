/** National-standard cryptography (R-SEC): SM4 encryption of sensitive data, SM3 digests and SM2 signatures, with keys from configuration. */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {})
package io.commgov.crypto;
