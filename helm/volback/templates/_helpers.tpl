{{/* The chart's name. */}}
{{- define "volback.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* The full name of the objects: RELEASE-volback, or RELEASE when it holds the chart name. */}}
{{- define "volback.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "volback.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "volback.selectorLabels" -}}
app.kubernetes.io/name: {{ include "volback.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "volback.labels" -}}
helm.sh/chart: {{ include "volback.chart" . }}
{{ include "volback.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{- define "volback.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "volback.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/* The Secret holding the repository password and the other secrets. */}}
{{- define "volback.secretName" -}}
{{- default (include "volback.fullname" .) .Values.existingSecret }}
{{- end }}

{{- define "volback.image" -}}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) }}
{{- end }}

{{/* Where the secret's keys appear as files in the container. */}}
{{- define "volback.secretDir" -}}/run/secrets/volback{{- end }}

{{/* The port of config.server.listen (host:port). */}}
{{- define "volback.port" -}}
{{- $server := .Values.config.server | default dict }}
{{- $listen := get $server "listen" | default "0.0.0.0:8080" | toString }}
{{- splitList ":" $listen | last }}
{{- end }}

{{/*
Rules no schema can say: each fails the render with the values to change.
*/}}
{{- define "volback.validate" -}}
{{- $store := .Values.scheduler.store }}
{{- if and (eq .Values.workload "deployment") (gt (int .Values.replicaCount) 1) (ne $store "postgresql") }}
{{- fail (printf "replicaCount is %d but scheduler.store is %s: more than one replica needs the clustered scheduler (scheduler.store: postgresql), else every replica runs every job" (int .Values.replicaCount) $store) }}
{{- end }}
{{- if and (eq .Values.workload "daemonset") (eq $store "postgresql") }}
{{- fail "workload: daemonset cannot use scheduler.store: postgresql: the clustered scheduler may fire a node's job in a pod on another node, which sees that node's Docker socket and volumes instead; use scheduler.store: memory (each node's pod runs its own jobs)" }}
{{- end }}
{{- if and (eq $store "postgresql") (not .Values.scheduler.postgresql.host) }}
{{- fail "scheduler.postgresql.host is required with scheduler.store: postgresql" }}
{{- end }}
{{- if and (eq $store "postgresql") (not .Values.existingSecret) (not .Values.secret.postgresqlPassword) }}
{{- fail "scheduler.store: postgresql needs the database password: set secret.postgresqlPassword or existingSecret (key postgresql-password)" }}
{{- end }}
{{- if and .Values.apiToken.enabled (not .Values.existingSecret) (not .Values.secret.apiToken) }}
{{- fail "apiToken.enabled needs the token: set secret.apiToken or existingSecret (key api-token)" }}
{{- end }}
{{- if .Values.existingSecret }}
{{- range $key, $value := .Values.secret }}
{{- if $value }}
{{- fail (printf "secret.%s is set but existingSecret %s is used instead: put it in that Secret, or leave existingSecret empty" $key $.Values.existingSecret) }}
{{- end }}
{{- end }}
{{- end }}
{{- $config := .Values.config | default dict }}
{{- $scheduler := get $config "scheduler" | default dict }}
{{- range $key := list "store" "postgresql" }}
{{- if hasKey $scheduler $key }}
{{- fail (printf "config.scheduler.%s is set by the chart: use scheduler.%s in the values instead" $key $key) }}
{{- end }}
{{- end }}
{{- $server := get $config "server" | default dict }}
{{- if hasKey $server "token-file" }}
{{- fail "config.server.token-file is set by the chart: use apiToken.enabled and the api-token key of the secret" }}
{{- end }}
{{- range $section := list "repository" "server" }}
{{- $values := get $config $section | default dict }}
{{- range $key := list "password" "token" }}
{{- if hasKey $values $key }}
{{- fail (printf "config.%s.%s: secrets never go in the ConfigMap; use secret (or existingSecret) instead" $section $key) }}
{{- end }}
{{- end }}
{{- end }}
{{- end }}

{{/* volback.yml: config, plus what the chart owns (token file, scheduler store). */}}
{{- define "volback.configFile" -}}
{{- $config := deepCopy (.Values.config | default dict) }}
{{- if .Values.apiToken.enabled }}
{{- $server := get $config "server" | default dict }}
{{- $_ := set $server "token-file" (printf "%s/api-token" (include "volback.secretDir" .)) }}
{{- $_ := set $config "server" $server }}
{{- end }}
{{- $scheduler := get $config "scheduler" | default dict }}
{{- $_ := set $scheduler "store" .Values.scheduler.store }}
{{- if eq .Values.scheduler.store "postgresql" }}
{{- $pg := .Values.scheduler.postgresql }}
{{- $url := printf "jdbc:postgresql://%s:%d/%s" $pg.host (int $pg.port) $pg.database }}
{{- if $pg.parameters }}
{{- $url = printf "%s?%s" $url $pg.parameters }}
{{- end }}
{{- $_ := set $scheduler "postgresql" (dict "url" $url "user" $pg.user "password-file" (printf "%s/postgresql-password" (include "volback.secretDir" .))) }}
{{- end }}
{{- $_ := set $config "scheduler" $scheduler }}
{{- toYaml $config }}
{{- end }}
