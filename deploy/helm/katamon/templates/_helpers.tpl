{{- define "katamon.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "katamon.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else if contains (include "katamon.name" .) .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name (include "katamon.name" .) | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{- define "katamon.selectorLabels" -}}
app.kubernetes.io/name: {{ include "katamon.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "katamon.labels" -}}
{{ include "katamon.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/component: node-agent
{{- end -}}

{{- define "katamon.scheme" -}}
{{- if .Values.tls.existingSecret -}}HTTPS{{- else -}}HTTP{{- end -}}
{{- end -}}

{{/* A host path as a volume name: /run/containerd -> host-run-containerd. */}}
{{- define "katamon.volumeName" -}}
{{- printf "host%s" (. | replace "/" "-" | replace "." "-") | lower | trunc 63 | trimSuffix "-" -}}
{{- end -}}
