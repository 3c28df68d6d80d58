FROM a
# escape=`
  run echo \
# c
  b
onbuild RUN x
HEALTHCHECK NONE
FOO bar
