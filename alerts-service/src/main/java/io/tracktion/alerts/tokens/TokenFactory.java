package io.tracktion.alerts.tokens;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import io.tracktion.alerts.db.Jdbc;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The tokens' key: ALERTS_TOKEN_SECRET when set, else one made at random the first time and kept in the database
 * (table alerts.secret), so that links stay valid across restarts and every instance signs alike. Never logged.
 */
@Factory
public class TokenFactory {

    private static final String KEY_NAME = "tokens";

    @Singleton
    Tokens tokens(@Value("${alerts.token-secret:}") String configured, Jdbc jdbc) throws SQLException {
        if (configured != null && !configured.isBlank()) {
            byte[] key = configured.strip().getBytes(StandardCharsets.UTF_8);
            if (key.length < 32) {
                throw new IllegalArgumentException("ALERTS_TOKEN_SECRET must be at least 32 characters long");
            }
            return new Tokens(key);
        }
        byte[] made = new byte[32];
        new SecureRandom().nextBytes(made);
        return new Tokens(jdbc.inTransaction(connection -> {
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO alerts.secret (name, value) VALUES (?, ?) ON CONFLICT (name) DO NOTHING");
                 PreparedStatement select = connection.prepareStatement("SELECT value FROM alerts.secret WHERE name = ?")) {
                insert.setString(1, KEY_NAME);
                insert.setBytes(2, made);
                insert.executeUpdate();
                select.setString(1, KEY_NAME);
                try (ResultSet row = select.executeQuery()) {
                    row.next();
                    return row.getBytes(1);
                }
            }
        }));
    }
}
