/** Cross-cutting web concerns: problem+json errors, OpenAPI description, clock and other shared beans. */
package dev.hourglass.system;
