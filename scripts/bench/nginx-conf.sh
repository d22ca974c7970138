# The nginx the benchmarks compare with: static files from WORK/files (sendfile), PUT through the
# dav module into WORK/nginx/tmp and a rename into WORK/nginx/put, no fsync, no access log.
# Sourced by bench-http.sh and bench-put-price.sh. Usage: nginx_conf WORK PORT > WORK/nginx/nginx.conf
nginx_conf() {
  cat <<NGINX
worker_processes 2;
error_log $1/nginx/logs/error.log;
pid $1/nginx/nginx.pid;
events { worker_connections 1024; }
http {
  access_log off;
  sendfile on;
  client_max_body_size 0;
  client_body_temp_path $1/nginx/tmp;
  types { application/octet-stream bin; }
  server {
    listen 127.0.0.1:$2;
    location / { root $1/files; }
    location /put/ { root $1/nginx; dav_methods PUT; }
  }
}
NGINX
}
