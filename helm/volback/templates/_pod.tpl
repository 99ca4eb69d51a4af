{{/* The pod template of the Deployment and of the DaemonSet. */}}
{{- define "volback.podTemplate" -}}
{{- $daemonset := eq .Values.workload "daemonset" }}
{{- $secretDir := include "volback.secretDir" . -}}
metadata:
  labels:
    {{- include "volback.selectorLabels" . | nindent 4 }}
    {{- with .Values.podLabels }}
    {{- toYaml . | nindent 4 }}
    {{- end }}
  annotations:
    # A changed volback.yml rolls the pods: the service reads it at start only.
    checksum/config: {{ include "volback.configFile" . | sha256sum }}
    {{- with .Values.podAnnotations }}
    {{- toYaml . | nindent 4 }}
    {{- end }}
spec:
  serviceAccountName: {{ include "volback.serviceAccountName" . }}
  automountServiceAccountToken: false
  {{- with .Values.imagePullSecrets }}
  imagePullSecrets:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  {{- with .Values.priorityClassName }}
  priorityClassName: {{ . }}
  {{- end }}
  terminationGracePeriodSeconds: {{ .Values.terminationGracePeriodSeconds }}
  {{- with .Values.podSecurityContext }}
  securityContext:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  containers:
    - name: volback
      image: {{ include "volback.image" . | quote }}
      imagePullPolicy: {{ .Values.image.pullPolicy }}
      args: ["serve", "--config", "/etc/volback/volback.yml"]
      env:
        - name: VOLBACK_PASSWORD_FILE
          value: {{ printf "%s/repository-password" $secretDir | quote }}
        - name: VOLBACK_CACHE_DIR
          value: /var/cache/volback
        {{- /* The file's repository again as variables, so that `kubectl exec ... volback
        snapshots` (or restore) finds the same repository with no options. */}}
        {{- $repository := .Values.config.repository | default dict }}
        {{- with $repository.location }}
        - name: VOLBACK_REPOSITORY
          value: {{ . | quote }}
        {{- end }}
        {{- $s3 := $repository.s3 | default dict }}
        {{- with $s3.endpoint }}
        - name: VOLBACK_S3_ENDPOINT
          value: {{ . | quote }}
        {{- end }}
        {{- if hasKey $s3 "path-style" }}
        - name: VOLBACK_S3_PATH_STYLE
          value: {{ get $s3 "path-style" | toString | quote }}
        {{- end }}
        {{- if or .Values.existingSecret .Values.secret.awsAccessKeyId }}
        - name: AWS_ACCESS_KEY_ID
          valueFrom:
            secretKeyRef:
              name: {{ include "volback.secretName" . }}
              key: aws-access-key-id
              {{- if .Values.existingSecret }}
              optional: true
              {{- end }}
        {{- end }}
        {{- if or .Values.existingSecret .Values.secret.awsSecretAccessKey }}
        - name: AWS_SECRET_ACCESS_KEY
          valueFrom:
            secretKeyRef:
              name: {{ include "volback.secretName" . }}
              key: aws-secret-access-key
              {{- if .Values.existingSecret }}
              optional: true
              {{- end }}
        {{- end }}
        {{- if $daemonset }}
        - name: DOCKER_HOST
          value: {{ printf "unix://%s" .Values.daemonset.dockerSocket | quote }}
        {{- end }}
        {{- if and (not $daemonset) .Values.docker.host }}
        - name: DOCKER_HOST
          value: {{ .Values.docker.host | quote }}
        {{- end }}
        {{- if and (not $daemonset) .Values.docker.tlsSecret }}
        - name: DOCKER_TLS_VERIFY
          value: "1"
        - name: DOCKER_CERT_PATH
          value: /etc/volback/docker-tls
        {{- end }}
        {{- with .Values.extraEnv }}
        {{- toYaml . | nindent 8 }}
        {{- end }}
      ports:
        - name: http
          containerPort: {{ include "volback.port" . }}
          protocol: TCP
      livenessProbe:
        httpGet:
          path: /healthz
          port: http
        {{- toYaml .Values.livenessProbe | nindent 8 }}
      readinessProbe:
        httpGet:
          path: /readyz
          port: http
        {{- toYaml .Values.readinessProbe | nindent 8 }}
      {{- with .Values.resources }}
      resources:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      {{- with .Values.securityContext }}
      securityContext:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      volumeMounts:
        - name: config
          mountPath: /etc/volback/volback.yml
          subPath: volback.yml
          readOnly: true
        - name: secrets
          mountPath: {{ $secretDir }}
          readOnly: true
        - name: tmp
          mountPath: /tmp
        - name: state
          mountPath: {{ get (.Values.config | default dict) "state-dir" | default "/var/lib/volback" }}
        - name: cache
          mountPath: /var/cache/volback
        {{- if $daemonset }}
        - name: docker-socket
          mountPath: {{ .Values.daemonset.dockerSocket }}
        - name: docker-volumes
          mountPath: {{ .Values.daemonset.volumesDir }}
        {{- else if .Values.docker.tlsSecret }}
        - name: docker-tls
          mountPath: /etc/volback/docker-tls
          readOnly: true
        {{- end }}
        {{- with .Values.extraVolumeMounts }}
        {{- toYaml . | nindent 8 }}
        {{- end }}
  volumes:
    - name: config
      configMap:
        name: {{ include "volback.fullname" . }}
    - name: secrets
      secret:
        secretName: {{ include "volback.secretName" . }}
        defaultMode: 0400
    # The root filesystem is read-only: the JVM's temporary files (the native crypto library is
    # unpacked there, so not noexec), the memory store's run history and the S3 metadata cache.
    - name: tmp
      emptyDir: {}
    - name: state
      emptyDir: {}
    - name: cache
      emptyDir: {}
    {{- if $daemonset }}
    - name: docker-socket
      hostPath:
        path: {{ .Values.daemonset.dockerSocket }}
        type: Socket
    - name: docker-volumes
      hostPath:
        path: {{ .Values.daemonset.volumesDir }}
        type: Directory
    {{- else if .Values.docker.tlsSecret }}
    - name: docker-tls
      secret:
        secretName: {{ .Values.docker.tlsSecret }}
        defaultMode: 0400
    {{- end }}
    {{- with .Values.extraVolumes }}
    {{- toYaml . | nindent 4 }}
    {{- end }}
  {{- with .Values.nodeSelector }}
  nodeSelector:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  {{- with .Values.affinity }}
  affinity:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  {{- with .Values.tolerations }}
  tolerations:
    {{- toYaml . | nindent 4 }}
  {{- end }}
{{- end }}
