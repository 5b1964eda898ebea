-- CreateIndex
CREATE INDEX "Session_endedAt_userId_idleExpiresAt_absoluteExpiresAt_idx" ON "Session"("endedAt", "userId", "idleExpiresAt", "absoluteExpiresAt");

-- CreateIndex
CREATE INDEX "Session_endedAt_idleExpiresAt_absoluteExpiresAt_userId_deviceType_browserName_osName_lastIp_createdAt_lastActiveAt_idx" ON "Session"("endedAt", "idleExpiresAt", "absoluteExpiresAt", "userId", "deviceType", "browserName", "osName", "lastIp", "createdAt", "lastActiveAt");
