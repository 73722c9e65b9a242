// Small cryptographic helpers over OpenSSL.
#pragma once

#include <string>
#include <string_view>

namespace netra {

// HMAC-SHA256 of `data` under `key`, as 32 raw bytes.
std::string HmacSha256(std::string_view key, std::string_view data);

// SHA-256 of `data`, as 32 raw bytes.
std::string Sha256(std::string_view data);

// Lowercase hex of raw bytes, and back. FromHex returns false on odd length or a non-hex digit.
std::string ToHex(std::string_view bytes);
bool FromHex(std::string_view hex, std::string* bytes);

// Compares in time that depends only on the lengths, never on where the inputs differ.
bool ConstantTimeEquals(std::string_view a, std::string_view b);

// `n` bytes from the operating system's secure random source; aborts if it is unavailable.
std::string RandomBytes(size_t n);

}  // namespace netra

namespace netra {

// AES-256-GCM with a random 96-bit nonce: returns nonce || ciphertext || tag.
// `key` must be 32 bytes.
std::string Seal(std::string_view key, std::string_view plaintext);

// Opens what Seal made. Returns true and sets *plaintext when the tag verifies; false otherwise.
bool Open(std::string_view key, std::string_view sealed, std::string* plaintext);

}  // namespace netra
